package cn.shuangcheng.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;

/**
 * Seeds project-service's event store directly, so that a stage can be measured on a store or a backlog far larger
 * than REST writes (60 to 160 commands/s here) could build in the run's 30 minutes (M2's standing backlog, S).
 * <p>
 * The documents are those the engine writes (service-support's {@code SequencedMongoEventStorageEngine}, its
 * {@code EventDocuments}): copies of the events of one project that REST created, under a fresh project id (every
 * payload string equal to the template's id is replaced, as are its {@code externalRef} and {@code name}), a fresh
 * event identifier, now as time stamp and append time. Global indexes are reserved as the engine reserves them, one
 * {@code findOneAndUpdate $inc} on its counter per batch, and each batch is one ordered {@code insertMany} of
 * contiguous indexes, so trackers read the seeded events exactly as appended ones. Seed while no REST writes run
 ({@link BacklogPublication} pauses project-service): the stand-in's findAndModify is not atomic across connections
 (the engine's counter guards that with a lock in its own JVM only); on real MongoDB the {@code $inc} alone keeps
 reservations distinct.
 */
final class StoreSeeder implements AutoCloseable {

    static final String EVENTS = "domainevents";
    private static final String COUNTER = "sequences";
    private static final int BATCH = 1_000;

    private final MongoClient client;
    private final MongoCollection<BsonDocument> events;
    private final MongoCollection<BsonDocument> counter;
    private final String tag;
    private List<BsonDocument> template;
    private int projects;

    StoreSeeder(String uri, String database, String tag) {
        this.client = MongoClients.create(uri);
        this.events = client.getDatabase(database).getCollection(EVENTS, BsonDocument.class);
        this.counter = client.getDatabase(database).getCollection(COUNTER, BsonDocument.class);
        this.tag = tag;
    }

    /** Appends at least {@code count} events (whole projects); answers how many. */
    long seed(long count) {
        List<BsonDocument> model = template();
        List<BsonDocument> batch = new ArrayList<>(BATCH + model.size());
        String oldId = model.get(0).getString("aggregateIdentifier").getValue();
        long seeded = 0;
        while (seeded < count) {
            String ref = "BENCH-" + tag + "-seed-" + (++projects);
            String id = UUID.nameUUIDFromBytes(ref.getBytes(StandardCharsets.UTF_8)).toString();
            for (BsonDocument event : model) {
                batch.add(copy(event, oldId, id, ref));
            }
            seeded += model.size();
            if (batch.size() >= BATCH || seeded >= count) {
                append(batch);
                batch.clear();
            }
        }
        return seeded;
    }

    /** Reserves the batch's indexes on the engine's counter, then inserts the batch in index order. */
    private void append(List<BsonDocument> batch) {
        BsonDocument reserved = counter.findOneAndUpdate(eq("_id", EVENTS), Updates.inc("value", (long) batch.size()),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        long first = reserved.getNumber("value").longValue() - batch.size() + 1;
        // after the reservation, as the engine does: a higher index never carries an earlier append time
        BsonDateTime now = new BsonDateTime(System.currentTimeMillis());
        List<BsonDocument> documents = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            BsonDocument document = new BsonDocument("_id", new BsonInt64(first + i));
            batch.get(i).forEach(document::put);
            document.put("timeStamp", now);
            document.put("appendedAt", now);
            documents.add(document);
        }
        events.insertMany(documents, new InsertManyOptions().ordered(true));
    }

    /**
     * The events of a project this run created through REST (its external reference carries the run's tag, so that on
     * a server of the caller's no one else's aggregate is copied), by exact look-ups of (aggregate, sequence).
     */
    private List<BsonDocument> template() {
        if (template == null) {
            BsonDocument first = events.find(and(eq("sequenceNumber", 0L),
                    regex("payload.externalRef", "^BENCH-" + tag + "-"))).first();
            if (first == null) {
                throw new IllegalStateException("no project of this run in the store to copy: write through REST "
                        + "first");
            }
            String aggregate = first.getString("aggregateIdentifier").getValue();
            List<BsonDocument> found = new ArrayList<>();
            for (long sequence = 0; ; sequence++) {
                BsonDocument event = events.find(new BsonDocument("aggregateIdentifier", new BsonString(aggregate))
                        .append("sequenceNumber", new BsonInt64(sequence))).first();
                if (event == null) {
                    break;
                }
                event.remove("_id");
                found.add(event);
            }
            template = found;
        }
        return template;
    }

    private static BsonDocument copy(BsonDocument event, String oldId, String id, String ref) {
        BsonDocument copy = new BsonDocument();
        event.forEach(copy::put);
        copy.put("aggregateIdentifier", new BsonString(id));
        copy.put("eventIdentifier", new BsonString(UUID.randomUUID().toString()));
        copy.put("payload", replaced(event.getDocument("payload"), oldId, id, ref));
        return copy;
    }

    private static BsonValue replaced(BsonValue value, String oldId, String id, String ref) {
        if (value.isString() && value.asString().getValue().equals(oldId)) {
            return new BsonString(id);
        }
        if (value.isArray()) {
            BsonArray array = new BsonArray();
            value.asArray().forEach(v -> array.add(replaced(v, oldId, id, ref)));
            return array;
        }
        if (!value.isDocument()) {
            return value;
        }
        BsonDocument document = new BsonDocument();
        value.asDocument().forEach((key, v) -> document.put(key, switch (key) {
            case "externalRef" -> v.isString() ? new BsonString(ref) : v;
            case "name" -> v.isString() ? new BsonString(v.asString().getValue() + " " + ref) : v;
            default -> replaced(v, oldId, id, ref);
        }));
        return document;
    }

    @Override
    public void close() {
        client.close();
    }
}
