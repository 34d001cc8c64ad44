package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.modelling.command.RepositorySpanFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Axon aggregate configurations whose repository keeps recently used aggregates in memory and checks them against
 * the event store before use ({@link CheckedCachingEventSourcingRepository}): a command on a cached aggregate costs
 * one index probe instead of a replay of its stream. Each aggregate type gets its own cache of
 * {@code shuangcheng.eventstore.aggregate-cache-events} events (an aggregate weighs the events folded into it). A
 * command waits at most {@code shuangcheng.eventstore.aggregate-lock-wait} for an aggregate others are changing, and
 * is refused at once while {@value #MAX_WAITING_PER_AGGREGATE} requests wait for it already: both 503 with
 * Retry-After. The wait is bounded with the cache off too (Axon's own lock waits 60 s, with no bound on the waiting).
 */
public final class CachedAggregates {

    /**
     * Requests waiting for one aggregate beyond which the next is refused at once (503): a flood on one batch or
     * project must not hold every Tomcat thread, each for the whole lock wait.
     */
    static final int MAX_WAITING_PER_AGGREGATE = 128;
    /** Axon's pessimistic lock tries again every 10 ms. */
    private static final long LOCK_ATTEMPT_MILLIS = 10;

    private final Supplier<EventStorageEngine> storageEngine;
    private final long cacheSize;
    private final Duration lockWait;

    /**
     * @param storageEngine asked when the repositories are built, after Axon's configuration exists
     * @param lockWait      how long a command or read waits for an aggregate's lock before it fails with
     *                      LockAcquisitionFailedException (503)
     */
    public CachedAggregates(Supplier<EventStorageEngine> storageEngine, long cacheSize, Duration lockWait) {
        this.storageEngine = storageEngine;
        this.cacheSize = cacheSize;
        this.lockWait = lockWait;
    }

    private int lockAttempts() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, lockWait.toMillis() / LOCK_ATTEMPT_MILLIS));
    }

    /**
     * Axon's default configuration of the aggregate type with the bounded lock, and the checked cache in front of the
     * event store when the storage engine can answer the checks (ours can) and the cache size is positive.
     */
    public <T> AggregateConfigurer<T> configuration(Class<T> aggregateType) {
        return AggregateConfigurer.defaultConfiguration(aggregateType).configureRepository(c -> {
            EventSourcingRepository.Builder<T> builder =
                    EventSourcingRepository.builder(aggregateType)
                                           .eventStore(c.eventStore())
                                           .parameterResolverFactory(c.parameterResolverFactory())
                                           .handlerDefinition(c.handlerDefinition(aggregateType))
                                           .repositoryProvider(c::repository)
                                           .spanFactory(c.getComponent(RepositorySpanFactory.class))
                                           .lockFactory(PessimisticLockFactory.builder()
                                                   .acquireAttempts(lockAttempts())
                                                   .queueLengthThreshold(MAX_WAITING_PER_AGGREGATE).build());
            return cacheSize > 0 && storageEngine.get() instanceof AggregateStreams streams
                    ? new CheckedCachingEventSourcingRepository<>(builder, new BoundedAggregateCache(cacheSize), streams)
                    : builder.build();
        });
    }
}
