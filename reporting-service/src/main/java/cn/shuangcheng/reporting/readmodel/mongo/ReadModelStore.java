package cn.shuangcheng.reporting.readmodel.mongo;

import java.util.Date;
import java.util.Optional;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;

/**
 * The read-model collections ({@link ReadModelCollection}), per generation: {@code projects_g1}, {@code events_g1}, ... A rebuild fills a fresh
 * generation while queries keep reading the active one. Which generation is active, which rebuild runs, and which
 * generation each partition has been applied to are in MongoDB ({@link GenerationLedger}, {@link PartitionMoves}),
 * shared by every instance.
 */
public final class ReadModelStore {

    /** One document, written whenever a failure is to be told from an outage ({@link #takesWrites()}). */
    static final String WRITE_PROBES = "store_write_probes";

    private final MongoDatabase database;
    private final GenerationLedger generations;
    private final PartitionMoves partitionMoves;

    public ReadModelStore(MongoDatabase database) {
        this.database = database;
        this.generations = new GenerationLedger(database);
        this.partitionMoves = new PartitionMoves(database);
    }

    public MongoDatabase database() {
        return database;
    }

    public MongoCollection<Document> collection(int generation, ReadModelCollection model) {
        return database.getCollection(model.nameIn(generation));
    }

    /** The generation queries read and live consumers write (see {@link GenerationLedger}). */
    public int activeGeneration() {
        return generations.active().generation();
    }

    /** The rebuilds of all instances and the active generation, in MongoDB. */
    public GenerationLedger generations() {
        return generations;
    }

    /** Which generation each partition of the event topics has been applied to. */
    public PartitionMoves partitionMoves() {
        return partitionMoves;
    }

    /**
     * Creates the secondary indexes the read and fold paths need on a generation (idempotent). Without them a real
     * MongoDB scans: every poll reads the stored events of the aggregates it touches by aggregateId, the timeline
     * pages by aggregateId and sequence, and the portfolio and list filters select by list year. (The in-JVM
     * stand-in accepts and ignores non-unique indexes.)
     */
    public void ensureIndexes(int generation) {
        collection(generation, ReadModelCollection.EVENTS).createIndex(Indexes.ascending("aggregateId", "sequence"));
        collection(generation, ReadModelCollection.PROJECTS).createIndex(Indexes.ascending("listYears"));
        collection(generation, ReadModelCollection.SECONDMENTS).createIndex(Indexes.ascending("batchNumber", "direction"));
    }

    /** Drops the collections of a generation (a rebuild starts on empty ones; only the instance that claimed it). */
    public void drop(int generation) {
        for (ReadModelCollection model : ReadModelCollection.values()) {
            collection(generation, model).drop();
        }
    }

    /**
     * Whether MongoDB takes a write now (one small upsert into {@value #WRITE_PROBES}, within the client's timeouts);
     * false rather than an exception. Asked before an event is parked for a failure that looked like its data: a
     * ping answers while every write is refused (the user's role revoked, a storage quota reached, writes blocked
     * during a cluster migration), and each event would then be parked in turn, lost to the read models until a
     * rebuild.
     */
    public boolean takesWrites() {
        try {
            database.getCollection(WRITE_PROBES).updateOne(Filters.eq("_id", "write-probe"),
                    Updates.set("at", new Date()), new UpdateOptions().upsert(true));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Optional<Document> findById(ReadModelCollection model, String id) {
        return Optional.ofNullable(collection(activeGeneration(), model).find(Filters.eq("_id", id)).first());
    }
}
