package cn.shuangcheng.servicesupport.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * What an operator does with parked events: list the parked sequences of a processor, retry a sequence (its events
 * are handled again in order; the first that fails again stays parked with its new reason), or drop the event at
 * the head of a sequence (it is evicted for good, and the events parked behind it are retried at once, so that the
 * aggregate's later events flow again).
 * <p>
 * A sequence is the aggregate id (Axon's default sequencing policy). Retries go through the processor's own
 * dead-lettering invoker, so the same handlers and the same {@link ParkingPolicy} apply: a failure of
 * infrastructure during a retry is thrown to the caller and the letters stay parked.
 */
public final class DeadLetterAdmin {

    private final Supplier<EventProcessingConfiguration> processing;

    public DeadLetterAdmin(Supplier<EventProcessingConfiguration> processing) {
        this.processing = processing;
    }

    /** One parked event. */
    public record Letter(String eventId, String eventType, Long aggregateSequence, Instant enqueuedAt,
                         Instant lastTouched, String causeType, String causeMessage) {
    }

    /** A parked sequence: its head (the event that failed) and how many events wait in it. */
    public record Sequence(String sequenceId, long parked, Letter head) {
    }

    public record Page(List<Sequence> items, long page, int size, long total) {
    }

    /** What a retry or a drop did: the event dropped (if any), events handled now, events still parked. */
    public record Outcome(String sequenceId, String dropped, long released, long remaining, Letter head) {
    }

    /** The processors with a dead-letter queue, to tell an operator which names exist. */
    public List<String> processors() {
        EventProcessingConfiguration configuration = configuration();
        return configuration.eventProcessors().keySet().stream().sorted()
                            .filter(name -> configuration.deadLetterQueue(name).isPresent()).toList();
    }

    public Page list(String processor, long page, int size) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        long skip = page * size; // page and size are bounded by the caller: no overflow
        List<Sequence> items = new ArrayList<>();
        long index = 0;
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            if (index++ < skip) {
                continue;
            }
            if (items.size() == size) {
                break;
            }
            Iterator<DeadLetter<? extends EventMessage<?>>> letters = sequence.iterator();
            if (letters.hasNext()) {
                DeadLetter<? extends EventMessage<?>> head = letters.next();
                String sequenceId = sequenceIdOf(head);
                items.add(new Sequence(sequenceId, queue.sequenceSize(sequenceId), letter(head)));
            }
        }
        return new Page(items, page, size, queue.amountOfSequences());
    }

    /** How many events of {@code sequenceId} (an aggregate id) wait in the processor's queue; 0 for none. */
    public long parked(String processor, String sequenceId) {
        return queue(processor).sequenceSize(sequenceId);
    }

    /** @throws NoSuchSequenceException when nothing of {@code sequenceId} is parked */
    public Outcome retry(String processor, String sequenceId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        long before = queue.sequenceSize(sequenceId);
        if (before == 0) {
            throw new NoSuchSequenceException(processor, sequenceId);
        }
        return release(processor, queue, sequenceId, null, before);
    }

    /** @throws NoSuchSequenceException when nothing of {@code sequenceId} is parked */
    public Outcome drop(String processor, String sequenceId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        Iterator<DeadLetter<? extends EventMessage<?>>> letters = queue.deadLetterSequence(sequenceId).iterator();
        if (!letters.hasNext()) {
            throw new NoSuchSequenceException(processor, sequenceId);
        }
        DeadLetter<? extends EventMessage<?>> head = letters.next();
        queue.evict(head);
        long behind = queue.sequenceSize(sequenceId);
        String dropped = head.message().getIdentifier();
        return behind == 0 ? new Outcome(sequenceId, dropped, 0, 0, null)
                : release(processor, queue, sequenceId, dropped, behind);
    }

    private Outcome release(String processor, SequencedDeadLetterQueue<EventMessage<?>> queue, String sequenceId,
                            String dropped, long before) {
        SequencedDeadLetterProcessor<EventMessage<?>> letters = configuration()
                .sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> new UnknownProcessorException(processor));
        letters.process(letter -> sequenceId.equals(sequenceIdOf(letter)));
        long remaining = queue.sequenceSize(sequenceId);
        Letter head = null;
        if (remaining > 0) {
            Iterator<DeadLetter<? extends EventMessage<?>>> left = queue.deadLetterSequence(sequenceId).iterator();
            head = left.hasNext() ? letter(left.next()) : null;
        }
        return new Outcome(sequenceId, dropped, Math.max(0, before - remaining), remaining, head);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        return configuration().deadLetterQueue(processor)
                              .orElseThrow(() -> new UnknownProcessorException(processor));
    }

    private EventProcessingConfiguration configuration() {
        EventProcessingConfiguration configuration = processing.get();
        if (configuration == null) {
            throw new IllegalStateException("Axon's event processing is not configured yet");
        }
        return configuration;
    }

    static String sequenceIdOf(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof MongoDeadLetter<?> mongo) {
            return mongo.sequenceIdentifier();
        }
        return letter.message() instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }

    private static Letter letter(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Long sequence = message instanceof DomainEventMessage<?> event ? event.getSequenceNumber() : null;
        // The payload type as stored; the payload itself is not deserialised (it may be what failed).
        String type = Optional.ofNullable(message.getPayloadType()).map(Class::getSimpleName).orElse(null);
        return new Letter(message.getIdentifier(), type, sequence, letter.enqueuedAt(), letter.lastTouched(),
                letter.cause().map(cause -> cause.type()).orElse(null),
                letter.cause().map(cause -> cause.message()).map(ParkingPolicy::oneLine).orElse(null));
    }

    /** No processor of that name has a dead-letter queue. */
    public static final class UnknownProcessorException extends RuntimeException {
        UnknownProcessorException(String processor) {
            super("No event processor with a dead-letter store is named " + ParkingPolicy.oneLine(processor));
        }
    }

    /** Nothing of that sequence is parked in that processor. */
    public static final class NoSuchSequenceException extends RuntimeException {
        NoSuchSequenceException(String processor, String sequenceId) {
            super("Nothing of " + ParkingPolicy.oneLine(sequenceId) + " is parked in " + processor);
        }
    }
}
