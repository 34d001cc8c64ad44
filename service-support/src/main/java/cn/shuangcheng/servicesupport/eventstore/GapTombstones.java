package cn.shuangcheng.servicesupport.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.PrimitiveIterator;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.LongStream;

import static com.mongodb.client.model.Filters.exists;

/**
 * Closes the global indexes a tracker gives up: before a tracker stops waiting for an index, it inserts a tombstone
 * document under that {@code _id}. MongoDB's unique {@code _id} decides between the tombstone and a late writer's
 * event: whichever lands first stays. If the tombstone lands, the late writer's insert fails on {@code _id} and its
 * append is refused ({@link LateAppendRefusedException}); if the event was first, the tombstone fails, and the index
 * stays a gap of the token so that the next fetch reads the event. Either way no event is stored that trackers skip.
 * <p>
 * Indexes are closed in ascending order, and closing stops at the first that is already taken: a writer's ordered
 * {@code insertMany} lands its batch in ascending order too, so a tombstone never lands above an index a writer
 * has just filled, which would cut that writer's batch in two. What remains is a tiny race: a writer paused longer
 * than the gap timeout <em>inside</em> its {@code insertMany} (after some documents, before the rest - the driver
 * splits only batches over 100,000 documents or 48 MB into several commands) while a tracker read the first part
 * and closes the rest. Then the head of that batch is stored and read, and the append still fails.
 * <p>
 * Late means: reserved longer than the gap timeout ago by the clock of the node that reserved it, or more than
 * {@code maxGapOffset} indexes below what trackers have read (a burst can get there sooner). Either way the writer
 * is refused rather than lost. The in-JVM stand-in keeps {@code _id} unique under concurrent inserts as MongoDB does
 * (unlike its findAndModify, see {@link GlobalIndexCounter}), so the race is decided the same way in tests.
 * <p>
 * A tombstone is no event: it has the marker field {@value #MARKER}, and values of its own for the unique indexes
 * ({@code aggregateIdentifier} and {@code eventIdentifier} {@code "gap:<index>"}, {@code sequenceNumber} -1, which
 * no event has), so it never meets an aggregate's stream. Its {@code appendedAt} is when it was written, later
 * than the reservation of its index and of every index below it, so ageing gaps by it errs on the safe side.
 */
final class GapTombstones {

    static final String MARKER = "tombstone";
    static final String IDENTIFIER_PREFIX = "gap:";
    static final long SEQUENCE_NUMBER = -1;
    /** Tombstones per insertMany: a long run of gaps costs few round trips, and one request stays small. */
    private static final int CHUNK = 500;

    private final MongoCollection<BsonDocument> events;
    private final Clock clock;
    private final Runnable beforeClosing;

    GapTombstones(MongoCollection<BsonDocument> events, Clock clock, Runnable beforeClosing) {
        this.events = events;
        this.clock = clock;
        this.beforeClosing = beforeClosing;
    }

    static boolean isTombstone(BsonDocument document) {
        return document.containsKey(MARKER);
    }

    /** Matches the stored events, not the tombstones: for whatever counts or lists the collection's documents. */
    static Bson eventsOnly() {
        return exists(MARKER, false);
    }

    /**
     * {@code next} - the token {@code from} became on reading {@code index}, or by dropping gaps - once the indexes
     * it gave up are closed. Those found taken (a writer's event got there first) and those above them stay gaps, so
     * that the next fetch reads them by value.
     */
    GapAwareTrackingToken closeGivenUp(GapAwareTrackingToken from, GapAwareTrackingToken next, long index) {
        SortedSet<Long> open = close(givenUp(from, next, index));
        if (open.isEmpty()) {
            return next;
        }
        SortedSet<Long> gaps = new TreeSet<>(next.getGaps());
        gaps.addAll(open);
        return GapAwareTrackingToken.newInstance(next.getIndex(), gaps);
    }

    /**
     * The indexes below {@code index} that {@code from} waited for or skipped and {@code next} no longer waits for,
     * ascending: its dropped gaps, then the skipped indexes below the lowest new gap. Advancing and truncating drop
     * only the lowest gaps, so the dropped ones are those below the lowest gap kept (a view: nothing is copied when
     * nothing is dropped, which is every event but a few).
     */
    private static LongStream givenUp(GapAwareTrackingToken from, GapAwareTrackingToken next, long index) {
        SortedSet<Long> kept = next.getGaps();
        SortedSet<Long> dropped = kept.isEmpty() ? from.getGaps() : from.getGaps().headSet(kept.first());
        LongStream droppedGaps = dropped.stream().mapToLong(Long::longValue).filter(gap -> gap != index);
        if (index <= from.getIndex()) {
            return droppedGaps;
        }
        SortedSet<Long> newGaps = next.getGaps().tailSet(from.getIndex() + 1);
        long lowestNewGap = newGaps.isEmpty() ? index : newGaps.first();
        return LongStream.concat(droppedGaps, LongStream.range(from.getIndex() + 1, lowestNewGap));
    }

    /**
     * Closes the given indexes, ascending, up to the first one already taken.
     *
     * @return the indexes that stay open: the first one that was taken and every one after it; empty when all were
     * closed
     */
    private SortedSet<Long> close(LongStream ascendingIndexes) {
        PrimitiveIterator.OfLong indexes = ascendingIndexes.iterator();
        if (!indexes.hasNext()) {
            return Collections.emptySortedSet();
        }
        beforeClosing.run();
        Instant now = clock.instant();
        while (indexes.hasNext()) {
            List<BsonDocument> chunk = new ArrayList<>(CHUNK);
            while (indexes.hasNext() && chunk.size() < CHUNK) {
                chunk.add(tombstone(indexes.nextLong(), now));
            }
            OptionalInt taken = insert(chunk);
            if (taken.isPresent()) {
                SortedSet<Long> open = new TreeSet<>();
                chunk.subList(taken.getAsInt(), chunk.size()).forEach(t -> open.add(EventDocuments.globalIndex(t)));
                indexes.forEachRemaining((long index) -> open.add(index));
                return open;
            }
        }
        return Collections.emptySortedSet();
    }

    /** Inserts in order; the position of the first tombstone whose index was taken, if one was. */
    private OptionalInt insert(List<BsonDocument> tombstones) {
        try {
            events.insertMany(tombstones, new InsertManyOptions().ordered(true));
            return OptionalInt.empty();
        } catch (MongoBulkWriteException e) {
            List<BulkWriteError> errors = e.getWriteErrors();
            if (errors.isEmpty() || errors.get(0).getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return OptionalInt.of(errors.get(0).getIndex());
        }
    }

    private static BsonDocument tombstone(long index, Instant now) {
        BsonString identifier = new BsonString(IDENTIFIER_PREFIX + index);
        return new BsonDocument(EventDocuments.GLOBAL_INDEX, new BsonInt64(index))
                .append(EventDocuments.AGGREGATE_IDENTIFIER, identifier)
                .append(EventDocuments.SEQUENCE_NUMBER, new BsonInt64(SEQUENCE_NUMBER))
                .append(EventDocuments.EVENT_IDENTIFIER, identifier)
                .append(EventDocuments.APPENDED_AT, new BsonDateTime(now.toEpochMilli()))
                .append(MARKER, BsonBoolean.TRUE);
    }
}
