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
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.Serializer;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
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
 * Trackers read by {@code _id}, keep the indexes not yet written as gaps of a {@link GapAwareTrackingToken}, and close
 * with tombstones whatever they give up, so that a late writer is refused rather than stored where no tracker reads
 * it: see {@link TrackedEvents} and {@link GapTombstones}.
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
    static final int LOOK_UP_WINDOW = TrackedEvents.LOOK_UP_WINDOW;

    private final MongoCollection<BsonDocument> events;
    private final MongoCollection<BsonDocument> snapshots;
    private final GlobalIndexCounter counter;
    private final GlobalIndexReservation reservation;
    private final GapTombstones tombstones;
    private final TrackedEvents tracked;
    private final Clock clock;
    private final Duration gapTimeout;

    protected SequencedMongoEventStorageEngine(SequencedMongoEventStorageEngineBuilder builder) {
        super(builder);
        MongoDatabase database = builder.database;
        this.events = database.getCollection(builder.eventsCollection, BsonDocument.class);
        this.snapshots = database.getCollection(builder.snapshotsCollection, BsonDocument.class);
        this.counter = new GlobalIndexCounter(
                database.getCollection(builder.sequencesCollection, BsonDocument.class), events);
        this.reservation = builder.reservationDecorator.apply(counter);
        this.clock = builder.clock;
        this.gapTimeout = builder.gapTimeout;
        this.tombstones = new GapTombstones(events, builder.clock, builder.beforeTombstoning);
        this.tracked = new TrackedEvents(events, counter, tombstones, builder.clock, builder.gapTimeout,
                builder.maxGapOffset);
        if (builder.ensureIndexes) {
            ensureIndexes();
            counter.ensureCounter();
        }
    }

    public static SequencedMongoEventStorageEngineBuilder builder() {
        return new SequencedMongoEventStorageEngineBuilder();
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
            LateAppendRefusedException refused = tombstones.refusal(e, firstIndex, eventMessages, gapTimeout);
            if (refused != null) {
                throw refused;
            }
            handlePersistenceException(e, failedEvent(e, eventMessages));
        }
    }

    /** The event the server rejected, so that the exception names the aggregate and sequence that conflicted. */
    static EventMessage<?> failedEvent(MongoException e, List<? extends EventMessage<?>> eventMessages) {
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
        return events.find(EventDocuments.eventAt(aggregateIdentifier, sequenceNumber)).projection(new BsonDocument()).limit(1)
                     .first() != null;
    }

    @Override
    public DomainEventStream readEventsAfterKnown(String aggregateIdentifier, long firstSequenceNumber) {
        List<DomainEventData<?>> found = new ArrayList<>();
        for (long sequence = firstSequenceNumber; ; sequence++) {
            BsonDocument document = events.find(EventDocuments.eventAt(aggregateIdentifier, sequence)).first();
            if (document == null) {
                break;
            }
            found.add(EventDocuments.toDomainEventData(document));
        }
        return EventStreamUtils.upcastAndDeserializeDomainEvents(found.stream(), getEventSerializer(), upcasterChain);
    }

    /**
     * Mostly asked of new ids (creations by reference): without a first event (sequence 0; none is deleted) there is
     * none, one probe of the unique index; the sorted query, which the stand-in answers by a full scan, only after.
     */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        if (!containsEvent(aggregateIdentifier, 0)) {
            return Optional.empty();
        }
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
        return tracked.after(lastToken, batchSize);
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
}
