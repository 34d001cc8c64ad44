package cn.shuangcheng.reporting.ingestion.mongo;

import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.IncomingEvent;
import cn.shuangcheng.reporting.ingestion.domain.PayloadDecoder;
import cn.shuangcheng.reporting.ingestion.domain.Projection;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;
import cn.shuangcheng.support.logging.LogSafe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.BsonMaximumSizeExceededException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;

/**
 * Applies the readable events of one poll to one generation of the read models, in a fixed number of round trips:
 * a read of the affected aggregates' stored events ({@link StoredTimelines}), one bulk write of the new events, one
 * bulk write per read model collection.
 *
 * <p><b>Exactly-once effect.</b> Events are kept per aggregate and sequence ({@code _id = aggregateId/sequence}).
 * An event whose sequence is already stored (a redelivery, a re-sent producer batch, a replayed partition) changes
 * nothing: it is counted as a duplicate and not written. Each aggregate document carries {@code lastSequence}, the
 * highest sequence up to which every event has been applied, and the sequences missing above it.
 *
 * <p><b>Gaps.</b> The publisher keys by aggregate id, so one aggregate's events arrive in order on one partition, except
 * that a failed producer batch may be re-sent, so N+1 can arrive before a redelivered N. We apply and flag: the
 * document is always the fold of all stored events in sequence order; a missing sequence is shown on the document
 * ({@code gaps.count}, {@code gaps.missingSequences}) and reported in the {@link Outcome}; when the late
 * event arrives it is stored and the document is folded again from the events in order, which clears the flag and
 * gives exactly the document an in-order delivery would have given (corrections and state changes included). We
 * chose this over parking later events: parking needs a second store of parked events and a timeout, and after the
 * timeout must apply out of order anyway; refolding is correct in every order and needs neither.
 */
public final class Projector {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);

    private final ReadModelStore store;
    private final StoredTimelines timelines;
    private final Map<EventCatalog.Kind, Projection> projections = new HashMap<>();

    public Projector(ReadModelStore store, PayloadDecoder decoder, List<Projection> projections) {
        this.store = store;
        this.timelines = new StoredTimelines(decoder);
        for (Projection projection : projections) {
            Projection before = this.projections.put(projection.kind(), projection);
            if (before != null) {
                throw new IllegalArgumentException("two projections of " + projection.kind() + ": "
                        + before.getClass().getName() + " and " + projection.getClass().getName());
            }
        }
    }

    /**
     * What one apply did, for the consumer's metrics once the batch is committed (the projector itself counts nothing:
     * a rebuild applies through it too, and must not count again what the live consumer counted).
     *
     * @param applied     the events stored and folded, in batch order
     * @param duplicates  the events whose sequence was already stored
     * @param conflicting events not applied because the stored ones say otherwise: another event id at their
     *                    sequence (the stored one stays: a sequence alone is not trusted), or an aggregate of
     *                    another kind; the consumer sends these to the dead-letter topic with the reason
     * @param gapsOpened  sequences newly missing, by topic
     * @param gapsFilled  sequences no longer missing, by topic
     */
    public record Outcome(List<IncomingEvent> applied, List<IncomingEvent> duplicates, List<Conflict> conflicting,
                          Map<String, Long> gapsOpened, Map<String, Long> gapsFilled) {

        public static final Outcome NOTHING = new Outcome(List.of(), List.of(), List.of(), Map.of(), Map.of());

        /** The outcomes of events applied one at a time, as if applied together. */
        public static Outcome merge(List<Outcome> outcomes) {
            List<IncomingEvent> applied = new ArrayList<>();
            List<IncomingEvent> duplicates = new ArrayList<>();
            List<Conflict> conflicting = new ArrayList<>();
            Map<String, Long> opened = new HashMap<>();
            Map<String, Long> filled = new HashMap<>();
            for (Outcome outcome : outcomes) {
                applied.addAll(outcome.applied());
                duplicates.addAll(outcome.duplicates());
                conflicting.addAll(outcome.conflicting());
                outcome.gapsOpened().forEach((topic, n) -> opened.merge(topic, n, Long::sum));
                outcome.gapsFilled().forEach((topic, n) -> filled.merge(topic, n, Long::sum));
            }
            return new Outcome(List.copyOf(applied), List.copyOf(duplicates), List.copyOf(conflicting), Map.copyOf(opened),
                    Map.copyOf(filled));
        }
    }

    /** Whether MongoDB takes a write now: asked before an event is parked for a failure that looked like data. */
    public boolean storeTakesWrites() {
        return store.takesWrites();
    }

    /** An event not applied, and why (the dead letter's reason). */
    public record Conflict(IncomingEvent event, String reason) {
    }

    public Outcome apply(List<IncomingEvent> events, int generation) {
        if (events.isEmpty()) {
            return Outcome.NOTHING;
        }
        Map<String, List<IncomingEvent>> byAggregate = new LinkedHashMap<>();
        for (IncomingEvent event : events) {
            byAggregate.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event);
        }
        MongoCollection<Document> eventCollection = store.collection(generation, ReadModelCollection.EVENTS);
        Map<String, ReadModelCollection> collectionOf = new HashMap<>();
        byAggregate.forEach((id, incoming) -> collectionOf.put(id, projections.get(
                EventCatalog.byType(incoming.get(0).type()).orElseThrow().kind()).collection()));
        Map<String, TreeMap<Long, StoredEvent>> stored = timelines.load(eventCollection, byAggregate, collectionOf,
                collection -> store.collection(generation, collection));

        List<WriteModel<Document>> eventWrites = new ArrayList<>();
        Map<ReadModelCollection, List<Document>> documentWrites = new LinkedHashMap<>();
        java.util.Set<String> rewritten = new java.util.HashSet<>();
        List<IncomingEvent> appliedNow = new ArrayList<>();
        List<IncomingEvent> duplicatesNow = new ArrayList<>();
        List<Conflict> conflictingNow = new ArrayList<>();
        Map<String, Long> gapsOpened = new HashMap<>();
        Map<String, Long> gapsFilled = new HashMap<>();
        for (Map.Entry<String, List<IncomingEvent>> aggregate : byAggregate.entrySet()) {
            String aggregateId = aggregate.getKey();
            TreeMap<Long, StoredEvent> timeline = stored.computeIfAbsent(aggregateId, id -> new TreeMap<>());
            TreeSet<Long> missingBefore = AggregateDocument.missing(timeline);
            boolean changed = false;
            EventCatalog.Kind kind = timeline.isEmpty() ? null : kindOf(timeline);
            for (IncomingEvent event : aggregate.getValue()) {
                EventCatalog.Kind eventKind = EventCatalog.byType(event.type()).orElseThrow().kind();
                kind = kind == null ? eventKind : kind;
                if (eventKind != kind) {
                    // one id, one kind: folded into the other kind's read model it made a phantom document there
                    conflictingNow.add(new Conflict(event, "aggregate " + aggregateId + " is a " + kind
                            + ": a " + eventKind + " event is not applied to it"));
                    log.warn("Event {} of {} is a {} event; the aggregate is a {}: not applied",
                            LogSafe.text(event.eventId()), LogSafe.text(aggregateId), eventKind, kind);
                    continue;
                }
                StoredEvent existing = timeline.get(event.sequence());
                if (existing != null) {
                    if (existing.eventId().equals(event.eventId())) {
                        duplicatesNow.add(event);
                    } else { // parked: counted as a dead letter, not as a duplicate as well
                        conflictingNow.add(new Conflict(event, "another event is stored at aggregate " + aggregateId
                                + " sequence " + event.sequence() + "; the stored one stays"));
                        log.warn("Event {} of {} at sequence {} differs from the stored event {}; the stored one stays",
                                LogSafe.text(event.eventId()), LogSafe.text(aggregateId), event.sequence(),
                                LogSafe.text(existing.eventId()));
                    }
                    continue;
                }
                StoredEvent storedEvent = StoredEvent.of(event);
                timeline.put(event.sequence(), storedEvent);
                eventWrites.add(new UpdateOneModel<>(Filters.eq("_id", StoredEvent.id(aggregateId, event.sequence())),
                        Updates.setOnInsert(storedEvent.toDocument(eventKind.name(), event.origin())),
                        new UpdateOptions().upsert(true)));
                appliedNow.add(event);
                changed = true;
            }
            if (!changed) {
                continue;
            }
            Projection projection = projections.get(kind);
            TreeSet<Long> missingAfter = AggregateDocument.missing(timeline);
            Document document = AggregateDocument.folded(projection, aggregateId, timeline, missingAfter);
            DocumentSize.requireStorable(document); // before any write of the batch: see DocumentSize
            String topic = aggregate.getValue().get(0).origin() == null ? ""
                    : aggregate.getValue().get(0).origin().topic();
            countGaps(aggregateId, missingBefore, missingAfter, topic, gapsOpened, gapsFilled);
            rewritten.add(aggregateId);
            documentWrites.computeIfAbsent(projection.collection(), c -> new ArrayList<>())
                    .add(document);
        }
        // Events first: if the process dies between the two writes, the redelivered batch finds the events stored
        // and would skip them as duplicates, so documents are also written for aggregates whose events are all
        // known but whose document is older; see refoldStale.
        if (!eventWrites.isEmpty()) {
            eventCollection.bulkWrite(eventWrites, new BulkWriteOptions().ordered(false));
        }
        documentWrites.forEach((collection, writes) ->
                ForwardOnlyDocuments.write(store.collection(generation, collection), writes));
        refoldStale(generation, stored, rewritten);
        return new Outcome(List.copyOf(appliedNow), List.copyOf(duplicatesNow), List.copyOf(conflictingNow),
                Map.copyOf(gapsOpened),
                Map.copyOf(gapsFilled));
    }

    /**
     * After a crash between the event write and the document write, a redelivered batch finds its events stored and
     * adds nothing; the document may then lag its events. For aggregates of this batch that got no new event, compare
     * the document's eventCount with the stored events and fold again when the document has fewer (rare: one query per
     * batch that had only duplicates).
     */
    private void refoldStale(int generation, Map<String, TreeMap<Long, StoredEvent>> stored,
                             java.util.Set<String> rewritten) {
        // the collection of the kind the stored events say, not the incoming event's (it may be another kind's)
        Map<ReadModelCollection, List<String>> candidates = new HashMap<>();
        stored.forEach((aggregateId, timeline) -> {
            if (!rewritten.contains(aggregateId) && !timeline.isEmpty()) {
                candidates.computeIfAbsent(projections.get(kindOf(timeline)).collection(), c -> new ArrayList<>())
                        .add(aggregateId);
            }
        });
        for (Map.Entry<ReadModelCollection, List<String>> entry : candidates.entrySet()) {
            MongoCollection<Document> collection = store.collection(generation, entry.getKey());
            Map<String, Long> counts = new HashMap<>();
            collection.find(Filters.in("_id", entry.getValue()))
                    .projection(new Document("eventCount", 1))
                    .forEach(d -> counts.put(d.getString("_id"), AggregateDocument.eventCountOf(d)));
            List<Document> writes = new ArrayList<>();
            for (String aggregateId : entry.getValue()) {
                TreeMap<Long, StoredEvent> timeline = stored.get(aggregateId);
                // forward only: a document folded from more events than this batch read was written by a consumer
                // that saw more (a rebalance's new owner); folding it back would leave it stale for good
                if (timeline == null || timeline.isEmpty() || counts.getOrDefault(aggregateId, -1L) >= timeline.size()) {
                    continue;
                }
                Document document = AggregateDocument.folded(projections.get(kindOf(timeline)), aggregateId, timeline,
                        AggregateDocument.missing(timeline));
                try {
                    DocumentSize.requireStorable(document);
                    writes.add(document);
                } catch (BsonMaximumSizeExceededException e) {
                    // events stored before DocumentSize existed (or by two consumers at once) outgrew the document:
                    // it stays as it is rather than fail every batch that meets the aggregate; a rebuild heals it
                    log.warn("Aggregate {}: {}; its document stays as it is", LogSafe.text(aggregateId),
                            e.getMessage());
                }
            }
            if (!writes.isEmpty()) {
                ForwardOnlyDocuments.write(collection, writes);
            }
        }
    }

    private static EventCatalog.Kind kindOf(TreeMap<Long, StoredEvent> timeline) {
        return EventCatalog.byType(timeline.firstEntry().getValue().type()).orElseThrow().kind();
    }

    private static void countGaps(String aggregateId, TreeSet<Long> before, TreeSet<Long> after, String topic,
                                  Map<String, Long> gapsOpened, Map<String, Long> gapsFilled) {
        long opened = after.stream().filter(s -> !before.contains(s)).count();
        long filled = before.stream().filter(s -> !after.contains(s)).count();
        if (opened > 0) {
            gapsOpened.merge(topic, opened, Long::sum);
            log.warn("Sequence gap on {}: missing {}", LogSafe.text(aggregateId), LogSafe.summary(after));
        }
        if (filled > 0) {
            gapsFilled.merge(topic, filled, Long::sum);
            log.info("Sequence gap on {} filled; still missing {}", LogSafe.text(aggregateId), LogSafe.summary(after));
        }
    }
}
