package cn.shuangcheng.servicesupport.publication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cloudevents.CloudEvent;

/**
 * The one event handler of the publication processor: sends every domain event to Kafka and makes the batch fail
 * unless Kafka acknowledged all of its events.
 * <p>
 * Sends are asynchronous within a batch (one round trip per batch, not per event). The tracking processor stores
 * its token in the prepare-commit phase of the batch's unit of work, which runs after the batch's last message. So
 * after the last message ({@link BatchingUnitOfWork#isLastMessage()}) every acknowledgement of the batch is awaited,
 * by this handler or, when the handler did not see that message, by the processor's {@link #batchEnd()} interceptor,
 * and a failed one throws: the exception rolls the batch back and the processor retries it from the last stored
 * token. Delivery is at-least-once; a batch that failed half-way is sent
 * again in full.
 * <p>
 * Implements {@link EventMessageHandler} directly instead of carrying {@code @EventHandler} annotations, so that
 * Axon's Spring support does not also register it in a processing group of its own.
 * <p>
 * A batch's sends have one deadline, the send timeout from the batch's first send: no send starts after it and the
 * acknowledgements are awaited until it. So the handler holds a batch for at most the send timeout plus one
 * producer {@code max.block.ms}, which start-up checks against the token claim timeout
 * ({@link PublicationProperties#requireBatchWithinClaim}): a batch outliving its claim would let another instance
 * take the segment and publish the same events in parallel.
 * <p>
 * Failures are reported so that the dead-letter policy can tell who is to blame: the event (its payload cannot be
 * read or written as JSON, or Kafka refuses its record at once: {@link EventRefusedByKafkaException}) or Kafka
 * ({@link PublicationFailedException}: not acknowledged in time, unreachable).
 */
public final class KafkaPublishingEventHandler implements EventMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(KafkaPublishingEventHandler.class);
    private final CloudEventMapper mapper;
    private final CloudEventKafkaSender sender;
    private final Duration sendTimeout;
    private final String pendingResourceKey;
    private final Consumer<String> acknowledged;
    private final PublicationSpans spans;

    public KafkaPublishingEventHandler(CloudEventMapper mapper, CloudEventKafkaSender sender, Duration sendTimeout) {
        this(mapper, sender, sendTimeout, type -> { }, PublicationSpans.NONE);
    }

    /**
     * @param acknowledged told the CloudEvents type of every event Kafka acknowledged (for the metrics)
     * @param spans        the producer span of each send
     */
    public KafkaPublishingEventHandler(CloudEventMapper mapper, CloudEventKafkaSender sender, Duration sendTimeout,
                                       Consumer<String> acknowledged, PublicationSpans spans) {
        this.mapper = mapper;
        this.sender = sender;
        this.acknowledged = acknowledged;
        this.spans = spans;
        this.sendTimeout = sendTimeout;
        this.pendingResourceKey = KafkaPublishingEventHandler.class.getName() + "/pending/" + sender.topic();
    }

    @Override
    public Object handle(EventMessage<?> event) {
        if (!CurrentUnitOfWork.isStarted()) {
            // Not called by a processor (or a dead letter's retry): nothing to batch with, publish synchronously.
            PendingSends single = new PendingSends(System.nanoTime());
            single.add(send(event, single));
            awaitAll(single);
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        PendingSends pending = unitOfWork.root().getOrComputeResource(pendingResourceKey,
                key -> new PendingSends(System.nanoTime()));
        pending.add(send(event, pending));
        if (isLastMessageOfBatch(unitOfWork)) {
            awaitAll(pending);
        }
        return null;
    }

    /**
     * The processor's interceptor that awaits the batch's sends after its last message, whether or not this handler
     * saw that message: it does not when the message belongs to an aggregate with a parked event (the
     * dead-lettering invoker parks it behind the others without calling the handler) or failed itself and was
     * parked. A prepare-commit callback would be too late: the processor registers its own, which stores the token,
     * at the batch's first message, and prepare-commit callbacks run in the order they were registered; a token
     * stored past a send Kafka then refused would never send that event again.
     */
    public MessageHandlerInterceptor<EventMessage<?>> batchEnd() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (isLastMessageOfBatch(unitOfWork)) {
                PendingSends pending = unitOfWork.root().getResource(pendingResourceKey);
                if (pending != null && !pending.isEmpty()) {
                    awaitAll(pending);
                }
            }
            return result;
        };
    }

    private CompletableFuture<RecordMetadata> send(EventMessage<?> event, PendingSends batch) {
        if (event instanceof DomainEventMessage<?> domainEvent) {
            if (batch.remainingMillis(sendTimeout) <= 0) {
                throw new PublicationFailedException("The batch did not finish within the send timeout of "
                        + sendTimeout.toMillis() + " ms; it is sent again from the last token", null);
            }
            if (UnknownSerializedType.class.equals(domainEvent.getPayloadType())) {
                // Its class is gone: publishing it would invent a CloudEvents type. The policy parks it.
                throw new org.axonframework.serialization.SerializationException("Event "
                        + domainEvent.getIdentifier() + " has a payload type this service does not know");
            }
            // May throw for the event's own sake (its payload cannot be read or written): the policy parks it.
            CloudEvent mapped = mapper.toCloudEvent(domainEvent);
            PublicationSpans.Publishing publishing = spans.start(domainEvent, mapped.getType());
            CompletableFuture<RecordMetadata> sent;
            try {
                CloudEvent cloudEvent = publishing.traceparent() == null ? mapped
                        : CloudEventMapper.withTraceparent(mapped, publishing.traceparent());
                sent = sender.send(domainEvent.getAggregateIdentifier(), cloudEvent)
                        .whenComplete((metadata, failure) -> {
                            publishing.end(failure);
                            if (failure == null) {
                                acknowledged.accept(cloudEvent.getType());
                            }
                        });
            } catch (SerializationException e) {
                publishing.end(e);
                throw refused(domainEvent, e);
            } catch (RuntimeException e) {
                // The producer is closed or interrupted: not the event's fault.
                publishing.end(e);
                throw new PublicationFailedException("Could not hand event " + domainEvent.getIdentifier()
                        + " to the Kafka producer: " + e, e);
            }
            failedAtOnce(sent).ifPresent(failure -> {
                // The producer refused the record before sending it: too large for max.request.size or invalid
                // (the event's fault), or anything else - no metadata within max.block.ms, no right to write the
                // topic, an unknown or invalid topic, an old broker (Kafka's or its configuration's: that must not
                // park every aggregate's next event). Either way, stop the batch here.
                throw failure instanceof RecordTooLargeException || failure instanceof InvalidRecordException
                        ? refused(domainEvent, failure)
                        : new PublicationFailedException("Kafka did not take event " + domainEvent.getIdentifier()
                                + ": " + failure, failure);
            });
            return sent;
        }
        // The contract keys and orders events by aggregate; an event outside any aggregate has neither.
        log.warn("Not publishing event {} ({}): it was not applied by an aggregate", event.getIdentifier(),
                event.getPayloadType().getName());
        return CompletableFuture.completedFuture(null);
    }

    private static boolean isLastMessageOfBatch(UnitOfWork<?> unitOfWork) {
        return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
    }

    private void awaitAll(PendingSends batch) {
        List<CompletableFuture<RecordMetadata>> sends = batch.drain();
        CompletableFuture<Void> all = CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
        try {
            all.get(Math.max(0, batch.remainingMillis(sendTimeout)), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PublicationFailedException("Kafka did not acknowledge " + describe(sends) + " on topic "
                    + sender.topic() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublicationFailedException("Kafka did not acknowledge " + describe(sends) + " on topic "
                    + sender.topic() + " within the send timeout of " + sendTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublicationFailedException("Interrupted while waiting for Kafka to acknowledge "
                    + describe(sends), e);
        }
    }

    private static Optional<Throwable> failedAtOnce(CompletableFuture<RecordMetadata> sent) {
        if (!sent.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            sent.join();
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(e.getCause() == null ? e : e.getCause());
        } catch (CancellationException e) {
            return Optional.of(e);
        }
    }

    private EventRefusedByKafkaException refused(DomainEventMessage<?> event, Throwable failure) {
        return new EventRefusedByKafkaException("Kafka refused the record of event " + event.getIdentifier() + " ("
                + event.getPayloadType().getSimpleName() + ") on topic " + sender.topic() + ": " + failure, failure);
    }

    private static String describe(List<CompletableFuture<RecordMetadata>> sends) {
        long failed = sends.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        return sends.size() + " events (" + failed + " failed)";
    }

    /** A replay would republish everything; consumers cope, but that is an operator's decision, not a reset. */
    @Override
    public boolean supportsReset() {
        return false;
    }

    @Override
    public Class<?> getTargetType() {
        return KafkaPublishingEventHandler.class;
    }

    /** The sends of one batch, in the unit of work's resources: a rolled-back batch takes its futures with it. */
    private static final class PendingSends {
        private final List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
        private final long startedNanos;

        PendingSends(long startedNanos) {
            this.startedNanos = startedNanos;
        }

        /** What is left of the batch's deadline: the send timeout from the batch's first send. */
        long remainingMillis(Duration sendTimeout) {
            return sendTimeout.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        }

        void add(CompletableFuture<RecordMetadata> send) {
            sends.add(send);
        }

        boolean isEmpty() {
            return sends.isEmpty();
        }

        List<CompletableFuture<RecordMetadata>> drain() {
            List<CompletableFuture<RecordMetadata>> drained = List.copyOf(sends);
            sends.clear();
            return drained;
        }
    }
}
