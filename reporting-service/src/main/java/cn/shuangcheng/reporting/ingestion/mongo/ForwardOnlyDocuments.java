package cn.shuangcheng.reporting.ingestion.mongo;

import java.util.List;

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
 * stored {@code _id} (duplicate key), and when the stored document holds as many events or more it counts as a lost
 * race. A duplicate key of anything else (a unique index of the read model) still fails the batch.
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

    /** Whether the stored document of the same id is folded from at least as many events (a lost race). */
    private static boolean heldAsFarOrFurther(MongoCollection<Document> collection, Document document) {
        Document stored = collection.find(Filters.eq("_id", document.get("_id")))
                .projection(new Document("eventCount", 1)).first();
        return stored != null && stored.get("eventCount") instanceof Number
                && eventCount(stored) >= eventCount(document);
    }

    private static long eventCount(Document document) {
        return document.get("eventCount", Number.class).longValue();
    }
}
