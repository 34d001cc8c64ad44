package cn.shuangcheng.servicesupport.eventstore;

import com.mongodb.ReadConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

/**
 * How the {@link SequencedMongoEventStorageEngine}'s trackers read the store in global index order.
 * <p>
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
 */
final class TrackedEvents {

    /** How many indexes above a position a look-up by value asks for before it falls back to a range query. */
    static final int LOOK_UP_WINDOW = 100;

    private final MongoCollection<BsonDocument> events;
    private final GlobalIndexCounter counter;
    private final GapTombstones tombstones;
    private final Clock clock;
    private final Duration gapTimeout;
    private final int maxGapOffset;

    TrackedEvents(MongoCollection<BsonDocument> events, GlobalIndexCounter counter, GapTombstones tombstones,
                  Clock clock, Duration gapTimeout, int maxGapOffset) {
        // Majority reads: a tracker must not hand on an event that a failover can still roll back (the client, told
        // nothing was stored, sends it again, and the same sequence is stored with another id after consumers saw
        // the first). An event not yet majority-committed reads as a gap meanwhile, which the gap timeout covers.
        this.events = events.withReadConcern(ReadConcern.MAJORITY);
        this.counter = counter;
        this.tombstones = tombstones;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
        this.maxGapOffset = maxGapOffset;
    }

    /**
     * The next events after {@code lastToken} (null: from the start), at most {@code batchSize}, each with its token;
     * empty when the tracker has read everything stored.
     */
    List<TrackedEventData<?>> after(TrackingToken lastToken, int batchSize) {
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
                ? eventsFrom(SequencedMongoEventStorageEngine.LOWEST_GLOBAL_INDEX - 1, Set.of(), Math.min(batchSize, LOOK_UP_WINDOW), batchSize, null)
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
                ? GapAwareTrackingToken.newInstance(SequencedMongoEventStorageEngine.LOWEST_GLOBAL_INDEX - 1, Collections.emptySet())
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
        return new BsonDocument(EventDocuments.APPENDED_AT, new BsonInt32(1));
    }

    private Instant gapCutoff() {
        return clock.instant().minus(gapTimeout);
    }
}
