package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.modelling.command.RepositorySpanFactory;

import java.util.function.Supplier;

/**
 * Axon aggregate configurations whose repository keeps recently used aggregates in memory and checks them against
 * the event store before use ({@link CheckedCachingEventSourcingRepository}): a command on a cached aggregate costs
 * one index probe instead of a replay of its stream. Each aggregate type gets its own cache of
 * {@code shuangcheng.eventstore.aggregate-cache-events} events (an aggregate weighs the events folded into it).
 */
public final class CachedAggregates {

    private final Supplier<EventStorageEngine> storageEngine;
    private final long cacheSize;

    /** @param storageEngine asked when the repositories are built, after Axon's configuration exists */
    public CachedAggregates(Supplier<EventStorageEngine> storageEngine, long cacheSize) {
        this.storageEngine = storageEngine;
        this.cacheSize = cacheSize;
    }

    /**
     * Axon's default configuration of the aggregate type, with the checked cache in front of the event store when the
     * storage engine can answer the checks (ours can) and the cache size is positive.
     */
    public <T> AggregateConfigurer<T> configuration(Class<T> aggregateType) {
        AggregateConfigurer<T> configuration = AggregateConfigurer.defaultConfiguration(aggregateType);
        if (cacheSize <= 0) {
            return configuration;
        }
        return configuration.configureRepository(c -> {
            EventSourcingRepository.Builder<T> builder =
                    EventSourcingRepository.builder(aggregateType)
                                           .eventStore(c.eventStore())
                                           .parameterResolverFactory(c.parameterResolverFactory())
                                           .handlerDefinition(c.handlerDefinition(aggregateType))
                                           .repositoryProvider(c::repository)
                                           .spanFactory(c.getComponent(RepositorySpanFactory.class));
            return storageEngine.get() instanceof AggregateStreams streams
                    ? new CheckedCachingEventSourcingRepository<>(builder, new BoundedAggregateCache(cacheSize), streams)
                    : builder.build();
        });
    }
}
