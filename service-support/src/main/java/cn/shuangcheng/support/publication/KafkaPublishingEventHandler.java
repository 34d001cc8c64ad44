package cn.shuangcheng.support.publication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cloudevents.CloudEvent;

/**
 * The one event handler of the publication processor: sends every domain event to Kafka and makes the batch fail
 * unless Kafka acknowledged all of its events.
 * <p>
 * Sends are asynchronous within a batch (one round trip per batch, not per event). The tracking processor stores
 * its token in the prepare-commit phase of the batch's unit of work, which runs after the handler has seen the
 * batch's last message. So when this handler sees the last message ({@link BatchingUnitOfWork#isLastMessage()}) it
 * waits for every acknowledgement of the batch and throws if one failed: the exception rolls the batch back and the
 * processor retries it from the last stored token. Delivery is at-least-once; a batch that failed half-way is sent
 * again in full.
 * <p>
 * Implements {@link EventMessageHandler} directly instead of carrying {@code @EventHandler} annotations, so that
 * Axon's Spring support does not also register it in a processing group of its own.
 */
public final class KafkaPublishingEventHandler implements EventMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(KafkaPublishingEventHandler.class);
    /** Margin over the producer's delivery timeout, which completes every send future on its own. */
    private static final Duration AWAIT_MARGIN = Duration.ofSeconds(5);

    private final CloudEventMapper mapper;
    private final CloudEventKafkaSender sender;
    private final Duration awaitTimeout;
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
        this.awaitTimeout = sendTimeout.plus(AWAIT_MARGIN);
        this.pendingResourceKey = KafkaPublishingEventHandler.class.getName() + "/pending/" + sender.topic();
    }

    @Override
    public Object handle(EventMessage<?> event) {
        if (!CurrentUnitOfWork.isStarted()) {
            // Not called by a processor: nothing to batch with, publish synchronously.
            awaitAll(List.of(send(event)));
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        PendingSends pending = unitOfWork.root().getOrComputeResource(pendingResourceKey, key -> {
            PendingSends created = new PendingSends();
            // Backstop only: the await below must have happened before the token was stored. If some future
            // Axon version or an interceptor skipped the batch's last message, fail loudly instead of committing.
            unitOfWork.root().onPrepareCommit(uow -> {
                if (!created.isEmpty()) {
                    log.error("Publication batch reached commit with {} unawaited Kafka sends", created.size());
                    awaitAll(created.drain());
                }
            });
            return created;
        });
        pending.add(send(event));
        if (isLastMessageOfBatch(unitOfWork)) {
            awaitAll(pending.drain());
        }
        return null;
    }

    private CompletableFuture<RecordMetadata> send(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent) {
            CloudEvent mapped = mapper.toCloudEvent(domainEvent);
            PublicationSpans.Publishing publishing = spans.start(domainEvent, mapped.getType());
            try {
                CloudEvent cloudEvent = publishing.traceparent() == null ? mapped
                        : CloudEventMapper.withTraceparent(mapped, publishing.traceparent());
                return sender.send(domainEvent.getAggregateIdentifier(), cloudEvent)
                        .whenComplete((metadata, failure) -> {
                            publishing.end(failure);
                            if (failure == null) {
                                acknowledged.accept(cloudEvent.getType());
                            }
                        });
            } catch (RuntimeException e) {
                publishing.end(e);
                throw e;
            }
        }
        // The contract keys and orders events by aggregate; an event outside any aggregate has neither.
        log.warn("Not publishing event {} ({}): it was not applied by an aggregate", event.getIdentifier(),
                event.getPayloadType().getName());
        return CompletableFuture.completedFuture(null);
    }

    private static boolean isLastMessageOfBatch(UnitOfWork<?> unitOfWork) {
        return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
    }

    private void awaitAll(List<CompletableFuture<RecordMetadata>> sends) {
        CompletableFuture<Void> all = CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
        try {
            all.get(awaitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new PublicationFailedException("Kafka did not acknowledge " + describe(sends) + " on topic "
                    + sender.topic() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublicationFailedException("Kafka did not acknowledge " + describe(sends) + " on topic "
                    + sender.topic() + " within " + awaitTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublicationFailedException("Interrupted while waiting for Kafka to acknowledge "
                    + describe(sends), e);
        }
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

        void add(CompletableFuture<RecordMetadata> send) {
            sends.add(send);
        }

        boolean isEmpty() {
            return sends.isEmpty();
        }

        int size() {
            return sends.size();
        }

        List<CompletableFuture<RecordMetadata>> drain() {
            List<CompletableFuture<RecordMetadata>> drained = List.copyOf(sends);
            sends.clear();
            return drained;
        }
    }
}
