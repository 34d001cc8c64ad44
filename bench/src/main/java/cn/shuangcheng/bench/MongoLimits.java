package cn.shuangcheng.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.List;

/**
 * The MongoDB limits, driver only, against the same server the services use: single-document inserts of documents
 * copied from a real collection (same size, same fields) into a scratch collection with the same indexes (M1, M4),
 * and bulk upserts of read-model documents (M3, M5). The scratch collections are dropped afterwards.
 */
final class MongoLimits implements AutoCloseable {

    /** Throughput and latency of the raw writes. */
    record Figures(double perSecond, double p50Ms, double p99Ms, int documents, int averageBytes) {
    }

    private final MongoClient client;

    MongoLimits(String uri) {
        this.client = MongoClients.create(uri);
    }

    /**
     * Inserts {@code count} copies of a sample of {@code database.collection} one by one from {@code threads} threads,
     * into a scratch collection carrying the sample collection's indexes (unique ones stay unique: the copies get
     * fresh values in every indexed field that is a string or number).
     */
    Figures singleInserts(String database, String collection, int count, int threads) throws Exception {
        MongoDatabase db = client.getDatabase(database);
        List<Document> samples = db.getCollection(collection).find().limit(200).into(new ArrayList<>());
        if (samples.isEmpty()) {
            throw new IllegalStateException(database + "." + collection + " is empty: nothing to copy");
        }
        MongoCollection<Document> scratch = db.getCollection("bench_" + collection);
        scratch.drop();
        List<String> indexedFields = new ArrayList<>();
        for (Document index : db.getCollection(collection).listIndexes()) {
            Document keys = index.get("key", Document.class);
            if (keys.containsKey("_id") && keys.size() == 1) {
                continue;
            }
            indexedFields.addAll(keys.keySet());
            scratch.createIndex(keys, new IndexOptions().unique(index.getBoolean("unique", false)));
        }
        Latencies latencies = new Latencies();
        long bytes = samples.stream().mapToLong(d -> d.toJson().length()).sum();
        double seconds = Saturation.run(count, threads, i -> {
            Document copy = fresh(samples.get(i % samples.size()), indexedFields, i);
            long began = System.nanoTime();
            scratch.insertOne(copy);
            latencies.add(System.nanoTime() - began);
        });
        scratch.drop();
        return new Figures(count / seconds, latencies.percentileMs(50), latencies.percentileMs(99), count,
                (int) (bytes / samples.size()));
    }

    /**
     * Upserts {@code count} copies of the read-model documents of {@code database.collection} by _id in bulks of
     * {@code bulk}, as a consumer applying a poll would at best.
     */
    Figures bulkUpserts(String database, String collection, int count, int bulk) {
        MongoDatabase db = client.getDatabase(database);
        List<Document> samples = db.getCollection(collection).find().limit(200).into(new ArrayList<>());
        if (samples.isEmpty()) {
            throw new IllegalStateException(database + "." + collection + " is empty: nothing to copy");
        }
        MongoCollection<Document> scratch = db.getCollection("bench_upserts_" + collection);
        scratch.drop();
        long start = System.nanoTime();
        List<WriteModel<Document>> writes = new ArrayList<>(bulk);
        for (int i = 0; i < count; i++) {
            Document copy = new Document(samples.get(i % samples.size()));
            Object id = "bench-" + i;
            copy.put("_id", id);
            writes.add(new ReplaceOneModel<>(new Document("_id", id), copy, new ReplaceOptions().upsert(true)));
            if (writes.size() == bulk || i == count - 1) {
                scratch.bulkWrite(writes);
                writes = new ArrayList<>(bulk);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        scratch.drop();
        return new Figures(count / seconds, 0, 0, count, (int) samples.get(0).toJson().length());
    }

    /** The collection of {@code database} holding the most documents (the read model's main one). */
    String largestCollection(String database) {
        String largest = null;
        long most = -1;
        for (String name : client.getDatabase(database).listCollectionNames()) {
            long n = client.getDatabase(database).getCollection(name).countDocuments();
            if (n > most && !name.startsWith("bench_")) {
                most = n;
                largest = name;
            }
        }
        return largest;
    }

    long count(String database, String collection) {
        return client.getDatabase(database).getCollection(collection).countDocuments();
    }

    private static Document fresh(Document sample, List<String> indexedFields, int i) {
        Document copy = new Document(sample);
        copy.put("_id", new ObjectId());
        for (String field : indexedFields) {
            Object value = copy.get(field);
            if (value instanceof String s) {
                copy.put(field, s + "-bench-" + i);
            } else if (value instanceof Number) {
                copy.put(field, 1_000_000_000L + i);
            }
        }
        return copy;
    }

    @Override
    public void close() {
        client.close();
    }
}
