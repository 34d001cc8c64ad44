package cn.shuangcheng.servicesupport.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code shuangcheng.eventstore.*}: tuning of the event storage engine.
 *
 * @param batchSize    events per query, for tracking and for loading an aggregate
 * @param gapTimeout   how long a reserved global index may stay unwritten before tracking gives up on it and closes
 *                     it with a tombstone; an append slower than that (plus the clock skew between nodes) is refused
 *                     with {@link LateAppendRefusedException} (503), never lost, so keep it well above a normal append
 * @param maxGapOffset how far below the newest index read a missing index is still waited for
 * @param aggregateCacheEvents events all aggregates of one type kept in memory between commands may hold together
 *                     ({@link CachedAggregates}, {@link BoundedAggregateCache}); 0 replays every aggregate from the
 *                     store for every command
 * @param tokenClaimTimeout how long a tracking processor's claim on a segment lasts without being renewed (default
 *                     10 s): after it another instance may take the segment over, so it is also how long a dead
 *                     instance's segments wait. Every batch of a processor must end well within it.
 * @param maxEventsPerAggregate the most changes one aggregate may hold; a command that would store more is refused
 *                     with 409 ({@link EventsPerAggregateLimit})
 * @param aggregateLockWait how long a command or read waits for an aggregate that others are changing (default
 *                     20 s) before it is answered 503 with Retry-After ({@link CachedAggregates}); Axon's own 60 s
 *                     outlasted a proxy's usual timeout, so the client got a 504 while the request went on
 */
@ConfigurationProperties("shuangcheng.eventstore")
public record EventStoreProperties(Integer batchSize, Duration gapTimeout, Integer maxGapOffset,
                                   Long aggregateCacheEvents, Duration tokenClaimTimeout,
                                   Long maxEventsPerAggregate, Duration aggregateLockWait) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    /**
     * A whole intake batch of new projects (10,000 rows of about 5 events) stays cached for its monthly resend, with
     * room for a year of months; a few tens of MB at most.
     */
    public static final long DEFAULT_AGGREGATE_CACHE_EVENTS = 100_000;
    /** Axon's own default for its token stores. */
    public static final Duration DEFAULT_TOKEN_CLAIM_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Well above the longest real history (see {@link EventsPerAggregateLimit}): a full exchange batch of 500 places
     * a direction holds 1,001 events.
     */
    public static final long DEFAULT_MAX_EVENTS_PER_AGGREGATE = 2_000;
    public static final Duration DEFAULT_AGGREGATE_LOCK_WAIT = Duration.ofSeconds(20);

    public EventStoreProperties {
        batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
        gapTimeout = gapTimeout == null ? SequencedMongoEventStorageEngine.DEFAULT_GAP_TIMEOUT : gapTimeout;
        maxGapOffset = maxGapOffset == null ? SequencedMongoEventStorageEngine.DEFAULT_MAX_GAP_OFFSET : maxGapOffset;
        aggregateCacheEvents = aggregateCacheEvents == null ? DEFAULT_AGGREGATE_CACHE_EVENTS : aggregateCacheEvents;
        tokenClaimTimeout = tokenClaimTimeout == null ? DEFAULT_TOKEN_CLAIM_TIMEOUT : tokenClaimTimeout;
        maxEventsPerAggregate = maxEventsPerAggregate == null ? DEFAULT_MAX_EVENTS_PER_AGGREGATE
                : maxEventsPerAggregate;
        aggregateLockWait = aggregateLockWait == null ? DEFAULT_AGGREGATE_LOCK_WAIT : aggregateLockWait;
    }
}
