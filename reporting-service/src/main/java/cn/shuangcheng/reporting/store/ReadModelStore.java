package cn.shuangcheng.reporting.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;

/**
 * The read-model collections, per generation: {@code projects_g1}, {@code events_g1}, ... A rebuild fills a fresh
 * generation while queries keep reading the active one; the pointer document
 * {@code read_model_generations/{_id: "active"}} names which generation queries read and the live consumer writes.
 */
public final class ReadModelStore {

    public static final String PROJECTS = "projects";
    public static final String AGENDA_ITEMS = "agenda_items";
    public static final String EXCHANGE_BATCHES = "exchange_batches";
    public static final String SECONDMENTS = "secondments";
    /** Every event applied, one document per aggregate id and sequence: the guard, the timeline, the fold input. */
    public static final String EVENTS = "events";

    private static final String POINTERS = "read_model_generations";
    private static final String ACTIVE = "active";

    private final MongoDatabase database;

    public ReadModelStore(MongoDatabase database) {
        this.database = database;
    }

    public MongoDatabase database() {
        return database;
    }

    public MongoCollection<Document> collection(int generation, String name) {
        return database.getCollection(name + "_g" + generation);
    }

    /** The generation queries read; the first call of a new database makes it generation 1. */
    public int activeGeneration() {
        return activePointer().getInteger("generation");
    }

    /** The pointer document: {@code generation}, and after a rebuild {@code resumeOffsets} and {@code switchedAt}. */
    public Document activePointer() {
        MongoCollection<Document> pointers = database.getCollection(POINTERS);
        Document pointer = pointers.find(Filters.eq("_id", ACTIVE)).first();
        if (pointer != null) {
            return pointer;
        }
        try {
            pointers.insertOne(new Document("_id", ACTIVE).append("generation", 1).append("switchedAt", Instant.now().toString()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return pointers.find(Filters.eq("_id", ACTIVE)).first();
    }

    /**
     * Makes {@code generation} the one queries read. {@code resumeOffsets} ("topic:partition" to offset) are where
     * the rebuild stopped: the live consumer re-reads from there into the new generation, so that nothing it applied
     * only to the old generation is missing in the new one (applying twice is a no-op).
     */
    public void switchTo(int generation, Map<String, Long> resumeOffsets) {
        database.getCollection(POINTERS).replaceOne(Filters.eq("_id", ACTIVE),
                new Document("_id", ACTIVE).append("generation", generation)
                        .append("resumeOffsets", new Document(Map.copyOf(resumeOffsets)))
                        .append("switchedAt", Instant.now().toString()),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /**
     * Creates the secondary indexes the read and fold paths need on a generation (idempotent). Without them a real
     * MongoDB scans: every poll reads the stored events of the aggregates it touches by aggregateId, the timeline
     * pages by aggregateId and sequence, and the portfolio and list filters select by list year. (The in-JVM
     * stand-in accepts and ignores non-unique indexes.)
     */
    public void ensureIndexes(int generation) {
        collection(generation, EVENTS).createIndex(Indexes.ascending("aggregateId", "sequence"));
        collection(generation, PROJECTS).createIndex(Indexes.ascending("listYears"));
        collection(generation, SECONDMENTS).createIndex(Indexes.ascending("batchNumber", "direction"));
    }

    /** Drops the collections of a generation (a rebuild starts on empty ones). */
    public void drop(int generation) {
        for (String name : new String[] {PROJECTS, AGENDA_ITEMS, EXCHANGE_BATCHES, SECONDMENTS, EVENTS}) {
            collection(generation, name).drop();
        }
    }

    /** Whether MongoDB answers a ping (within the client's timeouts); false rather than an exception. */
    public boolean answers() {
        try {
            database.runCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Optional<Document> findById(String name, String id) {
        return Optional.ofNullable(collection(activeGeneration(), name).find(Filters.eq("_id", id)).first());
    }
}
