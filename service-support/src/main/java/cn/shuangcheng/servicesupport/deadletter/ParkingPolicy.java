package cn.shuangcheng.servicesupport.deadletter;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@link EnqueuePolicy} of every dead-lettering processor: a failure the event caused
 * ({@link EventFailureClassifier}) is parked with its reason; a failure of infrastructure is thrown on.
 * <p>
 * Throwing is deliberate. Axon's dead-lettering invoker treats "do not enqueue" as "skip the event", which would
 * lose it; an exception thrown by the policy instead leaves the invoker, fails the batch, and the tracking
 * processor retries it with backoff from its last token (and a retry of a dead letter answers 503 and keeps it).
 * <p>
 * The reason kept is the decisive throwable's type and a one-line message, truncated and stripped of control
 * characters: messages may quote the event's own (untrusted) content.
 */
public final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final int MAX_REASON_LENGTH = 1000;
    static final int MAX_ID_LENGTH = 200;
    private static final Logger log = LoggerFactory.getLogger(ParkingPolicy.class);

    /** Counter of events parked, by processor. */
    public static final String PARKED = "shuangcheng.events.parked";

    private final Consumer<EventMessage<?>> parked;

    /** @param parked told of every event parked (for the metrics) */
    public ParkingPolicy(Consumer<EventMessage<?>> parked) {
        this.parked = parked;
    }

    public ParkingPolicy() {
        this(event -> { });
    }

    /** The policy of one processor, counting what it parks on the registry (if any). */
    public static ParkingPolicy counting(String processor, MeterRegistry registry) {
        if (registry == null) {
            return new ParkingPolicy();
        }
        Counter counter = Counter.builder(PARKED).tag("processor", processor)
                                 .description("events parked in the dead-letter store").register(registry);
        return new ParkingPolicy(event -> counter.increment());
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (EventFailureClassifier.classify(cause) == FailureKind.INFRASTRUCTURE) {
            throw ParkingPolicy.<RuntimeException>rethrow(cause);
        }
        ThrowableCause reason = reason(cause);
        EventMessage<?> event = letter.message();
        // Only what we control goes into the log: ids, the stored type name, the cleaned reason; never the payload.
        log.warn("Parking event {} ({}) of {} in the dead-letter store: {}", event.getIdentifier(),
                event.getPayloadType().getSimpleName(), event instanceof DomainEventMessage<?> domain
                        ? oneLine(domain.getAggregateIdentifier(), MAX_ID_LENGTH) : "no aggregate", reason.message());
        parked.accept(event);
        return Decisions.enqueue(reason);
    }

    /** The cause to keep with a parked event: the innermost throwable's type, and the chain's messages. */
    static ThrowableCause reason(Throwable failure) {
        Throwable root = failure;
        StringBuilder message = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            root = current;
            if (!message.isEmpty()) {
                message.append(" <- ");
            }
            message.append(current.getClass().getSimpleName());
            if (current.getMessage() != null) {
                message.append(": ").append(current.getMessage());
            }
            if (message.length() > MAX_REASON_LENGTH) {
                break;
            }
        }
        return new ThrowableCause(root.getClass().getName(), oneLine(message.toString()));
    }

    static String oneLine(String text) {
        return oneLine(text, MAX_REASON_LENGTH);
    }

    /** The text without control characters (no forged log lines), cut at {@code max} characters. */
    static String oneLine(String text, int max) {
        String clean = text.replaceAll("\\p{Cntrl}+", " ");
        return clean.length() <= max ? clean : clean.substring(0, max) + "…";
    }

    /** Throws a checked exception unchanged, so that the processor and its logs see the original failure. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable failure) throws T {
        throw (T) failure;
    }
}
