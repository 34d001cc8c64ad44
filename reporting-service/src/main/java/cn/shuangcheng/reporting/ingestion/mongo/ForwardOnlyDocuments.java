package cn.shuangcheng.reporting.ingestion.mongo;

import java.util.List;
import java.util.Objects;

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
                Filters.or(Filters.lt("eventCount", eventCount(document)), Filters.exists("eventCount", false))),
                document, new ReplaceOptions().upsert(true));
    }

    /**
     * Whether the stored document of the same id holds at least what this one does (a lost race): more events, or
     * as many with the same highest sequence and the same ones missing. Two consumers can fold one aggregate at once
     * from two partitions (partitions added, a key that was not the aggregate id), each without the other's new
     * event: {0..5} and {0..4, 6} are six events each. Taking the second for a lost race left event 6 out of the
     * document until the aggregate's next event; thrown, the batch is read again and its aggregates whose document
     * holds fewer events than are stored are folded again (Projector's refoldStale).
     */
    private static boolean heldAsFarOrFurther(MongoCollection<Document> collection, Document document) {
        Document stored = collection.find(Filters.eq("_id", document.get("_id")))
                .projection(new Document("eventCount", 1).append("maxSequence", 1).append("gaps", 1)).first();
        if (stored == null || !(stored.get("eventCount") instanceof Number)) {
            return false;
        }
        long held = eventCount(stored);
        long folded = eventCount(document);
        return held > folded || held == folded && Objects.equals(stored.get("maxSequence"), document.get("maxSequence"))
                && Objects.equals(stored.get("gaps"), document.get("gaps"));
    }

    private static long eventCount(Document document) {
        return document.get("eventCount", Number.class).longValue();
    }
}
