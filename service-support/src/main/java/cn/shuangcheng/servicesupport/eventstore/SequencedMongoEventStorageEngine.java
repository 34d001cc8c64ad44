package cn.shuangcheng.servicesupport.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertStrictPositive;
import static org.axonframework.eventhandling.EventUtils.asDomainEventMessage;

/**
 * Axon event storage engine on MongoDB that orders all events by a global index, as Axon's
 * {@code JdbcEventStorageEngine} does with an identity column, and tracks with {@link GapAwareTrackingToken}s.
 * <p>
 * Why not axon-mongo's {@code MongoEventStorageEngine}: it tracks by timestamp with a look-back window, which gets
 * stuck or reorders when more events than one batch share the window (AxonFramework issues 692 and 1244) — exactly
 * what intake bursts produce.
 *
 * <h2>Appending</h2>
 * An append serialises the batch, reserves as many global indexes as it has events with one
 * {@code findOneAndUpdate $inc} on the counter document ({@link GlobalIndexCounter}), and inserts the documents with
 * one <em>ordered</em> {@code insertMany}. The unique index {aggregateIdentifier, sequenceNumber} is the optimistic
 * lock: a concurrent writer at the same sequence gets a duplicate key, which
 * {@link AggregateSequenceConflictResolver} turns into Axon's {@code ConcurrencyException}.
 * <p>
 * Why one aggregate's events are always in global order: event {@code n + 1} of an aggregate is created by a unit of
 * work that has seen event {@code n} (it is either later in the same batch, which gets ascending indexes in batch
 * order, or it comes from a later command that loaded the aggregate after {@code n} was inserted). Its index is
 * therefore reserved after {@code n}'s insert was acknowledged, so it is higher. A writer that did not see {@code n}
 * produces its own {@code n} and loses on the unique index.
 * <p>
 * What a partial failure leaves, since there are no transactions: an ordered {@code insertMany} stops at the first
 * failing document; documents before it stay written, the failing one and the rest are not. For the batches Axon
 * writes for one aggregate, a sequence conflict can only hit that aggregate's first event in the batch (a rival
 * writer inserts its events in the same sequence order), so a conflicting append leaves the store unchanged. A unit
 * of work that appends to several aggregates at once can be left half written when a later aggregate conflicts;
 * our services change one aggregate per command. Reserved indexes that were never written are gaps for tracking,
 * which trackers close with tombstones once they give them up (see below).
 *
 * <h2>Tracking</h2>
 * Readers fetch the events in the token's gaps and in the window of the next (at most 100) indexes above it, asking
 * for those {@code _id}s by value, sorted by {@code _id}; only when the window is empty although higher indexes
 * were reserved do they ask for {@code _id > token.index} (see {@link #eventsFrom}). An index below the highest one
 * read that is not (yet) written becomes a gap in the token: a slower writer may still insert it, and the next fetch
 * asks for it again. Each document records {@code appendedAt}, when its index was reserved; indexes are reserved in
 * time order, so once a document with a higher index was reserved longer than the gap timeout ago, every gap below
 * it is older than that too and is given up. Gaps more than {@code maxGapOffset} below the token's index are given
 * up as well, and so are the indexes below a fresh token's first event when that event is old.
 * <p>
 * A tracker never gives an index up silently: it first inserts a tombstone under that {@code _id}
 * ({@link GapTombstones}), and MongoDB's unique {@code _id} decides against a writer still on its way. If the
 * tombstone lands, the index is closed for good and the late writer's insert fails on it: its append is refused
 * with {@link LateAppendRefusedException} (nothing of it stored; the command is answered 503 and may be sent again).
 * If the event landed first, the tombstone fails and the index stays a gap, so the next fetch reads the event. No
 * event is ever stored where trackers do not read it, whatever the pause between reservation and insert (a GC
 * pause, a stopped process, a failover) and whatever the clocks of the nodes say; the gap timeout only decides how
 * long trackers wait before closing, and how long a slow append may take before it is refused. Tombstones are read
 * to move the token past them, never returned as events (a fetch that finds only tombstones reads on), and are
 * invisible to aggregate reads: their aggregate and sequence ({@code "gap:<index>"}, -1) belong to no aggregate.
 * <p>
 * {@link #createHeadToken()} is the highest stored index without gaps, as in the JDBC engine: an append that reserved
 * a lower index but has not inserted it yet is not seen by a processor that starts at the head at that moment.
 */
public class SequencedMongoEventStorageEngine extends BatchingEventStorageEngine implements AggregateStreams {

    public static final String DEFAULT_EVENTS_COLLECTION = "domainevents";
    public static final String DEFAULT_SNAPSHOTS_COLLECTION = "snapshotevents";
    public static final String DEFAULT_SEQUENCES_COLLECTION = "sequences";
    public static final Duration DEFAULT_GAP_TIMEOUT = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_GAP_OFFSET = 10_000;

    static final String AGGREGATE_SEQUENCE_INDEX = "uniqueAggregateSequence";
    static final String EVENT_IDENTIFIER_INDEX = "uniqueEventIdentifier";
    /** The counter starts at 0, so the first index handed out is 1. */
    static final long LOWEST_GLOBAL_INDEX = 1;
    /** How many indexes above a position a look-up by value asks for before it falls back to a range query. */
    static final int LOOK_UP_WINDOW = 100;

    private final MongoCollection<BsonDocument> events;
    private final MongoCollection<BsonDocument> snapshots;
    private final GlobalIndexCounter counter;
    private final GlobalIndexReservation reservation;
    private final GapTombstones tombstones;
    private final Clock clock;
    private final Duration gapTimeout;
    private final int maxGapOffset;

    protected SequencedMongoEventStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database;
        this.events = database.getCollection(builder.eventsCollection, BsonDocument.class);
        this.snapshots = database.getCollection(builder.snapshotsCollection, BsonDocument.class);
        this.counter = new GlobalIndexCounter(
                database.getCollection(builder.sequencesCollection, BsonDocument.class), events);
        this.reservation = builder.reservationDecorator.apply(counter);
        this.clock = builder.clock;
        this.tombstones = new GapTombstones(events, builder.clock, builder.beforeTombstoning);
        this.gapTimeout = builder.gapTimeout;
        this.maxGapOffset = builder.maxGapOffset;
        if (builder.ensureIndexes) {
            ensureIndexes();
            counter.ensureCounter();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the unique indexes this engine relies on. Tracking needs no index of its own: it reads by {@code _id}.
     * Idempotent; called on construction unless disabled.
     */
    public void ensureIndexes() {
        events.createIndex(Indexes.ascending(EventDocuments.AGGREGATE_IDENTIFIER, EventDocuments.SEQUENCE_NUMBER),
                           new IndexOptions().unique(true).name(AGGREGATE_SEQUENCE_INDEX));
        events.createIndex(Indexes.ascending(EventDocuments.EVENT_IDENTIFIER),
                           new IndexOptions().unique(true).name(EVENT_IDENTIFIER_INDEX));
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.isEmpty()) {
            return;
        }
        // Serialise first: a serialisation failure then costs no index (and leaves no gap).
        List<BsonDocument> fields = new ArrayList<>(eventMessages.size());
        for (EventMessage<?> eventMessage : eventMessages) {
            fields.add(EventDocuments.eventFields(asDomainEventMessage(eventMessage), serializer));
        }
        long firstIndex = LOWEST_GLOBAL_INDEX - 1;
        try {
            firstIndex = reservation.reserve(fields.size());
            // Read after the reservation, never before: then a higher index never carries an earlier appendedAt
            // than the reservation of a lower one, so ageing a gap by the documents above it errs on the safe side.
            Instant appendedAt = clock.instant();
            List<BsonDocument> documents = new ArrayList<>(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                documents.add(EventDocuments.eventDocument(firstIndex + i, appendedAt, fields.get(i)));
            }
            events.insertMany(documents, new InsertManyOptions().ordered(true));
        } catch (MongoException e) {
            refuseIfClosedByTrackers(e, firstIndex, eventMessages);
            handlePersistenceException(e, failedEvent(e, eventMessages));
        }
    }

    /**
     * A duplicate {@code _id} where a tombstone stands: trackers gave the index up before this insert arrived
     * ({@link GapTombstones}). The append is refused rather than stored where no tracker would read it.
     */
    private void refuseIfClosedByTrackers(MongoException e, long firstIndex,
                                          List<? extends EventMessage<?>> eventMessages) {
        if (!(e instanceof MongoBulkWriteException bulk) || bulk.getWriteErrors().isEmpty()
                || bulk.getWriteErrors().get(0).getCategory() != ErrorCategory.DUPLICATE_KEY) {
            return;
        }
        int failed = bulk.getWriteErrors().get(0).getIndex();
        long index = firstIndex + failed;
        BsonDocument taken = events.find(new BsonDocument(EventDocuments.GLOBAL_INDEX, new BsonInt64(index))).first();
        if (taken != null && GapTombstones.isTombstone(taken)) {
            EventMessage<?> refused = failedEvent(e, eventMessages);
            String aggregate = refused instanceof DomainEventMessage<?> domain
                    ? domain.getAggregateIdentifier() + "] at sequence [" + domain.getSequenceNumber() : "?";
            throw new LateAppendRefusedException("Append refused: global index [" + index + "] of aggregate ["
                    + aggregate + "] was reserved longer than the gap timeout (" + gapTimeout + ") ago and trackers "
                    + "have closed it; " + failed + " of the batch's " + eventMessages.size()
                    + " events were stored before it", e);
        }
    }

    /** The event the server rejected, so that the exception names the aggregate and sequence that conflicted. */
    private static EventMessage<?> failedEvent(MongoException e, List<? extends EventMessage<?>> eventMessages) {
        if (e instanceof MongoBulkWriteException bulk && !bulk.getWriteErrors().isEmpty()) {
            int index = bulk.getWriteErrors().get(0).getIndex();
            if (index >= 0 && index < eventMessages.size()) {
                return eventMessages.get(index);
            }
        }
        return eventMessages.get(0);
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        BsonDocument document = EventDocuments.snapshotDocument(snapshot, serializer);
        // Replace only an older snapshot; when a newer or equal one exists the upsert's insert hits the _id and we
        // keep what is there. One document per aggregate, swapped atomically.
        Bson olderSnapshot = and(eq(EventDocuments.GLOBAL_INDEX, snapshot.getAggregateIdentifier()),
                                 lt(EventDocuments.SEQUENCE_NUMBER, snapshot.getSequenceNumber()));
        try {
            snapshots.replaceOne(olderSnapshot, document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw new EventStoreException(
                        "Cannot store snapshot of aggregate [" + snapshot.getAggregateIdentifier() + "]", e);
            }
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        BsonDocument snapshot = snapshots.find(eq(EventDocuments.GLOBAL_INDEX, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(EventDocuments.toDomainEventData(snapshot));
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber,
                                                                   int batchSize) {
        List<DomainEventData<?>> result = new ArrayList<>();
        events.find(and(eq(EventDocuments.AGGREGATE_IDENTIFIER, aggregateIdentifier),
                        gte(EventDocuments.SEQUENCE_NUMBER, firstSequenceNumber)))
              .sort(Sorts.ascending(EventDocuments.SEQUENCE_NUMBER))
              .limit(batchSize)
              .forEach(document -> result.add(EventDocuments.toDomainEventData(document)));
        return result;
    }

    /**
     * One probe of the unique (aggregate, sequence) index. The filter is a plain document of both fields, which the
     * in-JVM stand-in also answers from that index ({@code Filters.and} renders {@code $and}, which it scans for).
     */
    @Override
    public boolean containsEvent(String aggregateIdentifier, long sequenceNumber) {
        return events.find(eventAt(aggregateIdentifier, sequenceNumber)).projection(new BsonDocument()).limit(1)
                     .first() != null;
    }

    @Override
    public DomainEventStream readEventsAfterKnown(String aggregateIdentifier, long firstSequenceNumber) {
        List<DomainEventData<?>> found = new ArrayList<>();
        for (long sequence = firstSequenceNumber; ; sequence++) {
            BsonDocument document = events.find(eventAt(aggregateIdentifier, sequence)).first();
            if (document == null) {
                break;
            }
            found.add(EventDocuments.toDomainEventData(document));
        }
        return EventStreamUtils.upcastAndDeserializeDomainEvents(found.stream(), getEventSerializer(), upcasterChain);
    }

    /** The filter of one event, as a plain document of both fields of the unique index (see {@link #containsEvent}). */
    private static BsonDocument eventAt(String aggregateIdentifier, long sequenceNumber) {
        return new BsonDocument(EventDocuments.AGGREGATE_IDENTIFIER, new BsonString(aggregateIdentifier))
                .append(EventDocuments.SEQUENCE_NUMBER, new BsonInt64(sequenceNumber));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        BsonDocument last = events.find(eq(EventDocuments.AGGREGATE_IDENTIFIER, aggregateIdentifier))
                                  .sort(Sorts.descending(EventDocuments.SEQUENCE_NUMBER))
                                  .limit(1)
                                  .first();
        // A tombstone's sequence (-1) would answer only for an aggregate named like one ("gap:<index>")
        return Optional.ofNullable(last).map(document -> document.getNumber(EventDocuments.SEQUENCE_NUMBER)
                                                                 .longValue())
                       .filter(sequence -> sequence >= 0);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Unsupported token format: " + lastToken);
        }
        GapAwareTrackingToken previous = withoutExpiredGaps((GapAwareTrackingToken) lastToken);
        List<TrackedEventData<?>> result = new ArrayList<>();
        // Tombstones are read to move the token past them, but only events are returned, with their tokens. A batch
        // of nothing but tombstones must not end the stream (an empty batch does), so we read on from past them.
        while (result.isEmpty()) {
            List<BsonDocument> found = unreadEvents(previous, batchSize);
            if (found.isEmpty()) {
                break;
            }
            Instant gapCutoff = gapCutoff();
            for (BsonDocument document : found) {
                previous = advance(previous, EventDocuments.globalIndex(document),
                                   EventDocuments.appendedAt(document).isAfter(gapCutoff));
                if (!GapTombstones.isTombstone(document)) {
                    result.add(new TrackedDomainEventData<>(previous, EventDocuments.toDomainEventData(document)));
                }
            }
        }
        return result;
    }

    /** The next events for a tracker: those in the token's gaps and above its index, at most {@code batchSize}. */
    private List<BsonDocument> unreadEvents(GapAwareTrackingToken previous, int batchSize) {
        return previous == null
                ? eventsFrom(LOWEST_GLOBAL_INDEX - 1, Set.of(), Math.min(batchSize, LOOK_UP_WINDOW), batchSize, null)
                : eventsFrom(previous.getIndex(), previous.getGaps(), Math.min(batchSize, LOOK_UP_WINDOW), batchSize,
                             null);
    }

    /**
     * Up to {@code limit} stored events in {@code gaps} or above {@code index}, in index order, with the fields of
     * {@code projection} (all when null). Asked for by value - the gaps and the next {@code window} indexes - which
     * the {@code _id} index answers on any server. (The in-JVM stand-in answers no range query from an index: it
     * scanned and sorted the whole collection on every tracker fetch, which made trackers the main cost of an intake
     * burst. It also checks every document found against every value asked for, hence a short window.) Only when
     * that finds nothing although indexes beyond the window were reserved - a failed append left a longer run of
     * gaps - does the range query {@code _id > index} find where the events go on.
     */
    private List<BsonDocument> eventsFrom(long index, Set<Long> gaps, int window, int limit, Bson projection) {
        List<Long> wanted = new ArrayList<>(gaps.size() + window);
        wanted.addAll(gaps);
        LongStream.rangeClosed(index + 1, index + window).forEach(wanted::add);
        List<BsonDocument> found = events.find(in(EventDocuments.GLOBAL_INDEX, wanted))
                                         .projection(projection)
                                         .sort(Sorts.ascending(EventDocuments.GLOBAL_INDEX))
                                         .limit(limit)
                                         .into(new ArrayList<>());
        if (!found.isEmpty() || counter.lastReserved() <= index + window) {
            return found;
        }
        Bson unread = gaps.isEmpty()
                ? gt(EventDocuments.GLOBAL_INDEX, index)
                : or(gt(EventDocuments.GLOBAL_INDEX, index), in(EventDocuments.GLOBAL_INDEX, gaps));
        return events.find(unread)
                     .projection(projection)
                     .sort(Sorts.ascending(EventDocuments.GLOBAL_INDEX))
                     .limit(limit)
                     .into(new ArrayList<>());
    }

    /**
     * The token after reading {@code index}. Indexes skipped on the way become gaps, unless the document read was
     * appended longer than the gap timeout ago: then anything below it is too old to be written any more. Gaps more
     * than {@code maxGapOffset} below are given up as well. Whatever is given up is closed with tombstones first;
     * an index found taken stays a gap (see {@link GapTombstones#closeGivenUp}).
     */
    private GapAwareTrackingToken advance(GapAwareTrackingToken previous, long index, boolean recentlyAppended) {
        GapAwareTrackingToken from = previous == null
                ? GapAwareTrackingToken.newInstance(LOWEST_GLOBAL_INDEX - 1, Collections.emptySet())
                : previous;
        GapAwareTrackingToken next = from.advanceTo(index, maxGapOffset);
        if (!recentlyAppended) {
            next = next.withGapsTruncatedAt(index);
        }
        return tombstones.closeGivenUp(from, next, index);
    }

    /**
     * Gives up the token's gaps that can no longer be filled. Cheap in the common case: one indexed look-up of the
     * event right after the lowest gap. Only when that one is older than the gap timeout do we look for the highest
     * such old event below the token's index and drop every gap beneath it.
     */
    private GapAwareTrackingToken withoutExpiredGaps(GapAwareTrackingToken token) {
        if (token == null || !token.hasGaps()) {
            return token;
        }
        long lowestGap = token.getGaps().first();
        Instant cutoff = gapCutoff();
        BsonDocument afterLowestGap = firstEventAbove(lowestGap);
        if (afterLowestGap == null || EventDocuments.appendedAt(afterLowestGap).isAfter(cutoff)) {
            return token;
        }
        BsonDocument highestExpired = events.find(and(gt(EventDocuments.GLOBAL_INDEX, lowestGap),
                                                      lte(EventDocuments.GLOBAL_INDEX, token.getIndex()),
                                                      lte(EventDocuments.APPENDED_AT, cutoff)))
                                            .sort(Sorts.descending(EventDocuments.GLOBAL_INDEX))
                                            .projection(appendedAtOnly())
                                            .limit(1)
                                            .first();
        long truncateBelow = highestExpired == null
                ? EventDocuments.globalIndex(afterLowestGap)
                : EventDocuments.globalIndex(highestExpired);
        return tombstones.closeGivenUp(token, token.withGapsTruncatedAt(truncateBelow), token.getIndex());
    }

    /** The first stored event above {@code index}, {@code appendedAt} only; null when there is none. */
    private BsonDocument firstEventAbove(long index) {
        List<BsonDocument> first = eventsFrom(index, Set.of(), LOOK_UP_WINDOW, 1, appendedAtOnly());
        return first.isEmpty() ? null : first.get(0);
    }

    private static Bson appendedAtOnly() {
        return new BsonDocument(EventDocuments.APPENDED_AT, new org.bson.BsonInt32(1));
    }

    private Instant gapCutoff() {
        return clock.instant().minus(gapTimeout);
    }

    /**
     * Before the lowest index ever handed out, not just before the lowest stored one: an index below that may still
     * be in flight, and a token above it would pass it without waiting for it or closing it. Null when empty.
     */
    @Override
    public TrackingToken createTailToken() {
        return events.find().projection(new BsonDocument()).limit(1).first() == null
                ? null
                : GapAwareTrackingToken.newInstance(LOWEST_GLOBAL_INDEX - 1, Collections.emptySet());
    }

    @Override
    public TrackingToken createHeadToken() {
        BsonDocument last = events.find().sort(Sorts.descending(EventDocuments.GLOBAL_INDEX)).limit(1).first();
        return last == null ? null : GapAwareTrackingToken.newInstance(EventDocuments.globalIndex(last),
                                                                       Collections.emptySet());
    }

    /**
     * The position just before the first event stamped at or after {@code dateTime}; the head when there is none.
     * Uses the event timestamp without an index: resetting a processor to a point in time is rare. Tombstones have
     * no timestamp, so the token is always before a real event.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        BsonDocument first = events.find(gte(EventDocuments.TIMESTAMP, dateTime))
                                   .sort(Sorts.ascending(EventDocuments.GLOBAL_INDEX)).limit(1).first();
        return first == null ? createHeadToken() : tokenBefore(first);
    }

    private static TrackingToken tokenBefore(BsonDocument document) {
        return document == null ? null : GapAwareTrackingToken.newInstance(EventDocuments.globalIndex(document) - 1,
                                                                           Collections.emptySet());
    }

    /** Builder in Axon's style. {@code database} is required; the rest has defaults. */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private String eventsCollection = DEFAULT_EVENTS_COLLECTION;
        private String snapshotsCollection = DEFAULT_SNAPSHOTS_COLLECTION;
        private String sequencesCollection = DEFAULT_SEQUENCES_COLLECTION;
        private Duration gapTimeout = DEFAULT_GAP_TIMEOUT;
        private int maxGapOffset = DEFAULT_MAX_GAP_OFFSET;
        private Clock clock = Clock.systemUTC();
        private boolean ensureIndexes = true;
        private UnaryOperator<GlobalIndexReservation> reservationDecorator = UnaryOperator.identity();
        private Runnable beforeTombstoning = () -> { };

        protected Builder() {
            persistenceExceptionResolver(new AggregateSequenceConflictResolver(AGGREGATE_SEQUENCE_INDEX));
        }

        public Builder database(MongoDatabase database) {
            assertNonNull(database, "MongoDatabase may not be null");
            this.database = database;
            return this;
        }

        public Builder eventsCollection(String name) {
            this.eventsCollection = name;
            return this;
        }

        public Builder snapshotsCollection(String name) {
            this.snapshotsCollection = name;
            return this;
        }

        public Builder sequencesCollection(String name) {
            this.sequencesCollection = name;
            return this;
        }

        /** How long after its reservation an index may still be written before tracking gives up on it. */
        public Builder gapTimeout(Duration gapTimeout) {
            assertNonNull(gapTimeout, "gapTimeout may not be null");
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** How far below the token's index a gap is still waited for. */
        public Builder maxGapOffset(int maxGapOffset) {
            assertStrictPositive(maxGapOffset, "maxGapOffset must be positive");
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        /** The clock that stamps {@code appendedAt} and ages gaps; tests move it forward. */
        public Builder clock(Clock clock) {
            assertNonNull(clock, "clock may not be null");
            this.clock = clock;
            return this;
        }

        public Builder ensureIndexes(boolean ensureIndexes) {
            this.ensureIndexes = ensureIndexes;
            return this;
        }

        /** Test seam: wraps the index reservation, e.g. to hold a writer between reservation and insert. */
        Builder reservationDecorator(UnaryOperator<GlobalIndexReservation> decorator) {
            this.reservationDecorator = decorator;
            return this;
        }

        /** Test seam: runs just before a tracker inserts tombstones, e.g. to let a held writer insert first. */
        Builder beforeTombstoning(Runnable hook) {
            this.beforeTombstoning = hook;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver resolver) {
            super.persistenceExceptionResolver(resolver);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder finalAggregateBatchPredicate(
                Predicate<List<? extends DomainEventData<?>>> finalAggregateBatchPredicate) {
            super.finalAggregateBatchPredicate(finalAggregateBatchPredicate);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            assertNonNull(database, "The MongoDatabase is a hard requirement and should be provided");
        }

        public SequencedMongoEventStorageEngine build() {
            validate();
            return new SequencedMongoEventStorageEngine(this);
        }
    }
}
