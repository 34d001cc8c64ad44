package cn.shuangcheng.reporting.ingestion.mongo;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;

/**
 * Writes read-model documents only forward: a document replaces the stored one only when it is folded from more
 * events ({@code eventCount}). During a rebalance two consumers can briefly apply the same partition; the one that
 * read fewer events (a zombie after a pause) would otherwise write its older fold over the new owner's, and the
 * document would lack events until the aggregate's next one. Its write matches nothing, its upsert then meets the
 * stored {@code _id} (duplicate key), and when the stored document holds more events, or the same ones, it counts as
 * a lost race. A duplicate key of anything else (a unique index of the read model) still fails the batch.
 */
final class ForwardOnlyDocuments {

    private ForwardOnlyDocuments() {
    }

    /**
     * Each document replaces the stored one of its {@code _id} if that holds fewer events (or none, or no bookkeeping).
     * A write that found a document of as many events or more is no failure; any other is thrown.
     */
    static void write(MongoCollection<Document> collection, List<Document> documents) {
        List<WriteModel<Document>> writes = documents.stream().map(ForwardOnlyDocuments::replacement).toList();
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY
                        || !heldAsFarOrFurther(collection, documents.get(error.getIndex()))) {
                    throw e;
                }
            }
        }
    }

    private static WriteModel<Document> replacement(Document document) {
        return new ReplaceOneModel<>(Filters.and(Filters.eq("_id", document.get("_id")),
                Filters.or(Filters.lt("eventCount", AggregateDocument.eventCountOf(document)), Filters.exists("eventCount", false))),
                document, new ReplaceOptions().upsert(true));
    }

    /**
     * Whether the stored document of the same id holds every event this one does (a lost race): its highest sequence
     * is as high, and none of this one's sequences is missing from it. Counts alone are not enough: two consumers
     * can fold one aggregate at once from two partitions (partitions added, say), each without the other's new
     * event: {0..5} and {0..4, 6} are six events each, and {0..4, 6, 7} is more than {0..5} and still lacks 5.
     * Taking those for lost races left an event out of the document until the aggregate's next one. Thrown instead,
     * the batch is read again and its aggregates whose document holds fewer events than are stored are folded again
     * (Projector's refoldStale). Where either document lists only part of its missing sequences, the counts decide.
     */
    private static boolean heldAsFarOrFurther(MongoCollection<Document> collection, Document document) {
        Document stored = collection.find(Filters.eq("_id", document.get("_id")))
                .projection(new Document("eventCount", 1).append("maxSequence", 1).append("gaps", 1)).first();
        if (stored == null || !(stored.get("eventCount") instanceof Number)) {
            return false;
        }
        if (AggregateDocument.eventCountOf(stored) < AggregateDocument.eventCountOf(document)) {
            return false;
        }
        Number heldMax = stored.get("maxSequence", Number.class);
        Number foldedMax = document.get("maxSequence", Number.class);
        Set<Long> heldMissing = missing(stored);
        Set<Long> foldedMissing = missing(document);
        if (heldMax == null || foldedMax == null || heldMissing == null || foldedMissing == null) {
            return true; // without complete bookkeeping (documents written before it): the counts decide
        }
        long highest = foldedMax.longValue();
        return heldMax.longValue() >= highest
                && heldMissing.stream().filter(s -> s <= highest).allMatch(foldedMissing::contains);
    }

    /** The sequences a document says are missing, or null when it does not list them all. */
    private static Set<Long> missing(Document document) {
        Document gaps = document.get("gaps", Document.class);
        if (gaps == null || !(gaps.get("count") instanceof Number count)) {
            return null;
        }
        List<?> listed = gaps.getList("missingSequences", Object.class, List.of());
        if (listed.size() < count.longValue()) {
            return null;
        }
        Set<Long> missing = new HashSet<>();
        listed.forEach(s -> missing.add(((Number) s).longValue()));
        return missing;
    }
}
