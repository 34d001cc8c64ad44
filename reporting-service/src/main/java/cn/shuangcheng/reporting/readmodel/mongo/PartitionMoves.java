package cn.shuangcheng.reporting.readmodel.mongo;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Which generation each partition of the event topics has been applied to by the live consumers:
 * {@code read_model_partitions/{_id: "topic:partition", generation, from, pending}}. A partition without a document is
 * at the base generation ({@link ActiveGeneration#base()}).
 *
 * <p>Moving a partition to a new generation is two steps, and the document says which is done: the consumer that owns
 * the partition claims the move with one conditional write (from the generation it read to the new one, with the
 * offset to read from, {@code pending: true}), so that of two consumers that both believe they own it one only
 * re-reads; then it rewinds the group's committed offset to {@code from} and marks the move done. A consumer that
 * finds a move still pending (its mover died between the two steps) rewinds to the recorded {@code from} again.
 * Once done, the group's committed offset of the partition counts for the new generation.
 */
public final class PartitionMoves {

    static final String PARTITIONS = "read_model_partitions";

    /** Where a partition stands: its generation, and for a move not yet done the offset to read it from. */
    public record Position(int generation, long from, boolean pending) {
    }

    private final MongoCollection<Document> partitions;

    PartitionMoves(MongoDatabase database) {
        this.partitions = database.getCollection(PARTITIONS);
    }

    /** The positions of those of {@code keys} ("topic:partition") that have a document. */
    public Map<String, Position> positions(Collection<String> keys) {
        Map<String, Position> positions = new HashMap<>();
        partitions.find(Filters.in("_id", keys)).forEach(document -> positions.put(document.getString("_id"),
                new Position(document.getInteger("generation"), ((Number) document.get("from")).longValue(),
                        document.getBoolean("pending", false))));
        return positions;
    }

    /**
     * Claims the move of {@code key} from {@code seen} (null: no document, the base generation) to {@code generation},
     * to be read from {@code from}. @return whether this caller won it (false: someone moved it in the meantime)
     */
    public boolean claim(String key, Position seen, int generation, long from, String by) {
        Document move = new Document("generation", generation).append("from", from).append("pending", true)
                .append("by", by).append("at", Instant.now().toString());
        if (seen == null) {
            try {
                Document first = new Document("_id", key);
                first.putAll(move);
                partitions.insertOne(first);
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                return false;
            }
        }
        return partitions.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("generation", seen.generation())),
                new Document("$set", move)).getMatchedCount() == 1;
    }

    /** The committed offset was rewound: the move of {@code key} to {@code generation} is done. */
    public void done(String key, int generation) {
        partitions.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("generation", generation)),
                Updates.set("pending", false));
    }
}
