package cn.shuangcheng.reporting.ingestion.mongo;

import cn.shuangcheng.reporting.ingestion.domain.IncomingEvent;
import cn.shuangcheng.reporting.ingestion.domain.PayloadDecoder;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;
import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

/**
 * The stored events of a batch's aggregates, read by their ids ({@code aggregateId/sequence}) wherever the ids can be
 * named: an aggregate's read-model document says how far its events go ({@code maxSequence}) and whether any is
 * missing ({@code eventCount}), so its events are among the ids 0..maxSequence; the ids up to the highest sequence
 * the batch brings are named too (a redelivered batch may find them stored by the attempt that died). A look-up by {@code _id} is answered from the
 * primary index on every MongoDB; the MongoDB stand-in answers only such unique-index look-ups from an index and
 * scanned the whole event collection for the {@code aggregateId} filter on every poll, ever slower as it grew.
 *
 * <p>An aggregate whose document shows a gap, or whose sequences reach beyond what can be named in a query (a forged
 * sequence far ahead, or a batch that runs far ahead of what is stored), is read as before, by {@code aggregateId} (the compound index on real MongoDB). An event stored
 * by a dead attempt above both the document's and the batch's sequences is not read now; it comes again in a later
 * batch, whose duplicates send the document through {@code refoldStale}.
 */
final class StoredTimelines {

    /** The highest sequence whose ids are named in a query; above it an aggregate is read by its id field. */
    static final long MAX_NAMED_SEQUENCE = 10_000;
    /** How far a batch's sequences may run ahead of the stored ones and its own count, and still be named. */
    static final long MAX_NAMED_JUMP = 100;
    /** The longest aggregate id that is named (the services' ids have 36 to 60 characters). */
    static final int MAX_NAMED_ID_LENGTH = 200;
    /** Ids named for one batch at most; the aggregates beyond are read by field. */
    static final int MAX_NAMED_IDS = 100_000;
    /** Ids in one {@code $in}: keeps each query document small on a real MongoDB. */
    private static final int IDS_PER_QUERY = 1_000;

    private final PayloadDecoder decoder;

    StoredTimelines(PayloadDecoder decoder) {
        this.decoder = decoder;
    }

    /**
     * @param events       the generation's stored events
     * @param byAggregate  the batch's events by aggregate
     * @param collectionOf each aggregate's read-model collection
     * @param collections  the generation's collection of a name
     */
    Map<String, TreeMap<Long, StoredEvent>> load(MongoCollection<Document> events,
                                                 Map<String, List<IncomingEvent>> byAggregate,
                                                 Map<String, ReadModelCollection> collectionOf,
                                                 Function<ReadModelCollection, MongoCollection<Document>> collections) {
        Map<String, Document> documents = bookkeeping(collectionOf, collections);
        Set<String> ids = new LinkedHashSet<>();
        List<String> readByField = new ArrayList<>();
        for (Map.Entry<String, List<IncomingEvent>> aggregate : byAggregate.entrySet()) {
            String aggregateId = aggregate.getKey();
            long upTo = namedUpTo(documents.get(aggregateId));
            long[] sequences = aggregate.getValue().stream().mapToLong(IncomingEvent::sequence).distinct().toArray();
            long highestIncoming = LongStream.of(sequences).max().orElse(-1);
            long incoming = sequences.length;
            // a batch that jumps far ahead of what is stored would name ids of nothing (and a forged one, many); a
            // long id named thousands of times would fill the heap and the query
            long jump = highestIncoming - Math.max(upTo, -1) - incoming;
            long namedTo = Math.max(upTo, highestIncoming);
            if (upTo < -1 || highestIncoming > MAX_NAMED_SEQUENCE || jump > MAX_NAMED_JUMP
                    || aggregateId.length() > MAX_NAMED_ID_LENGTH || ids.size() + namedTo + 1 > MAX_NAMED_IDS) {
                readByField.add(aggregateId);
                continue;
            }
            for (long sequence = 0; sequence <= namedTo; sequence++) {
                ids.add(StoredEvent.id(aggregateId, sequence));
            }
        }
        Map<String, TreeMap<Long, StoredEvent>> stored = new HashMap<>();
        List<String> named = new ArrayList<>(ids);
        for (int from = 0; from < named.size(); from += IDS_PER_QUERY) {
            List<String> chunk = named.subList(from, Math.min(named.size(), from + IDS_PER_QUERY));
            events.find(Filters.in("_id", chunk)).forEach(document -> add(stored, document));
        }
        if (!readByField.isEmpty()) {
            events.find(Filters.in("aggregateId", readByField)).forEach(document -> add(stored, document));
        }
        return stored;
    }

    /**
     * The highest sequence to name: the document's {@code maxSequence} when its events have no gap (-1 without a
     * document: nothing stored yet, or only by a dead attempt, whose events the batch names), else -2: read by field.
     */
    private static long namedUpTo(Document document) {
        if (document == null) {
            return -1;
        }
        Number max = document.get("maxSequence", Number.class);
        Number count = document.get("eventCount", Number.class);
        if (max == null || count == null || max.longValue() > MAX_NAMED_SEQUENCE
                || count.longValue() != max.longValue() + 1) {
            return -2;
        }
        return max.longValue();
    }

    /** Each aggregate's maxSequence and eventCount: one query per read-model collection. */
    private static Map<String, Document> bookkeeping(Map<String, ReadModelCollection> collectionOf,
                                                     Function<ReadModelCollection, MongoCollection<Document>> collections) {
        Map<ReadModelCollection, List<String>> byCollection = new HashMap<>();
        collectionOf.forEach((id, collection) -> byCollection.computeIfAbsent(collection, c -> new ArrayList<>()).add(id));
        Map<String, Document> documents = new HashMap<>();
        byCollection.forEach((collection, ids) -> collections.apply(collection).find(Filters.in("_id", ids))
                .projection(Projections.include("maxSequence", "eventCount"))
                .forEach(document -> documents.put(document.getString("_id"), document)));
        return documents;
    }

    private void add(Map<String, TreeMap<Long, StoredEvent>> stored, Document document) {
        StoredEvent event = StoredEvent.fromDocument(document, decoder);
        stored.computeIfAbsent(event.aggregateId(), id -> new TreeMap<>()).put(event.sequence(), event);
    }
}
