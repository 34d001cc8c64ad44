package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Axon's caching event-sourcing repository, made safe for several instances sharing one event store: before it
 * hands out a cached aggregate it looks up the event after the cached version, and when that exists (another
 * instance, or anything else, appended since) it drops the entry and replays the stream. The look-up is one probe of
 * the unique (aggregate, sequence) index; replaying reads the whole stream, and on the in-JVM MongoDB stand-in every
 * such read scans the whole event collection, which made a 10,000-row intake batch take an hour.
 * <p>
 * A writer that appends between the check and our own append still loses on the unique index, exactly as without a
 * cache: a {@code ConcurrencyException}, and Axon drops the entry when the unit of work rolls back.
 * <p>
 * An aggregate that is not cached is first looked for by its event 0, so that an unknown identifier is answered
 * "not found" without a stream query.
 */
public class CheckedCachingEventSourcingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final AggregateStreams streams;

    public CheckedCachingEventSourcingRepository(EventSourcingRepository.Builder<T> builder, Cache cache,
                                                 AggregateStreams streams) {
        super(builder.cache(cache));
        this.cache = cache;
        this.streams = streams;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        if (cache.containsKey(aggregateIdentifier)) {
            // From the cache, or from the store if the entry was evicted just now: either way checked.
            EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
            Long version = aggregate.version();
            if (version != null && !streams.containsEvent(aggregateIdentifier, version + 1)) {
                return aggregate;
            }
            cache.remove(aggregateIdentifier);
        } else if (!streams.containsEvent(aggregateIdentifier, 0)) {
            throw new AggregateNotFoundException(aggregateIdentifier,
                    "The aggregate was not found in the event store");
        }
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}
