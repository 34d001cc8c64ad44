package cn.shuangcheng.reporting.ingestion.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import cn.shuangcheng.reporting.ingestion.domain.IncomingEvent;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;
import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import cn.shuangcheng.servicesupport.testing.SharedMongo;

/**
 * The stored events of a batch's aggregates are read by their ids where the read model's bookkeeping names them (the
 * MongoDB stand-in scans the whole collection for any other filter), and by the aggregate id field where it cannot:
 * a gap, sequences far ahead of what is stored, or a long id. Either way the timelines hold the stored events up to
 * the batch's own and the read model's.
 */
class StoredTimelinesTest {

    private final List<BsonDocument> finds = new ArrayList<>();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(SharedMongo.connectionString()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (event.getCommandName().equals("find") && event.getCommand().getString("find").getValue()
                            .equals("events")) {
                        finds.add(event.getCommand().getDocument("filter").clone());
                    }
                }
            }).build());
    private final MongoDatabase database = client.getDatabase(SharedMongo.uniqueDatabaseName("timelines"));
    private final MongoCollection<Document> events = database.getCollection("events");
    private final MongoCollection<Document> documents = database.getCollection("documents");

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aggregates_without_a_gap_are_read_by_id_and_the_others_by_their_aggregate_id() {
        store("contiguous", 0, 1, 2, 3, 4);
        bookkeeping("contiguous", 4, 5);
        store("gapped", 0, 1, 3);
        bookkeeping("gapped", 3, 3);
        store("stored-by-a-dead-attempt", 0, 1, 2);
        store("forged-far-ahead", 0);
        bookkeeping("forged-far-ahead", 0, 1);
        store("jumping-ahead", 0);
        bookkeeping("jumping-ahead", 0, 1);
        store("jumping-just-so", 0);
        bookkeeping("jumping-just-so", 0, 1);
        String longId = "l".repeat(StoredTimelines.MAX_NAMED_ID_LENGTH + 1);
        store(longId, 0);
        bookkeeping(longId, 0, 1);

        Map<String, List<IncomingEvent>> batch = new LinkedHashMap<>();
        batch.put("contiguous", List.of(incoming("contiguous", 5)));
        batch.put("gapped", List.of(incoming("gapped", 2)));
        batch.put("stored-by-a-dead-attempt", List.of(incoming("stored-by-a-dead-attempt", 1)));
        batch.put("forged-far-ahead", List.of(incoming("forged-far-ahead", Long.MAX_VALUE)));
        batch.put("jumping-ahead", List.of(incoming("jumping-ahead", 2 + StoredTimelines.MAX_NAMED_JUMP)));
        batch.put("jumping-just-so", List.of(incoming("jumping-just-so", 1 + StoredTimelines.MAX_NAMED_JUMP)));
        batch.put(longId, List.of(incoming(longId, 1)));
        Map<String, ReadModelCollection> collectionOf = new LinkedHashMap<>();
        batch.keySet().forEach(id -> collectionOf.put(id, ReadModelCollection.PROJECTS));

        Map<String, TreeMap<Long, StoredEvent>> stored = new StoredTimelines(StoredTimelinesTest::undecodable)
                .load(events, batch, collectionOf, model -> documents);

        assertThat(stored.get("contiguous").keySet()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(stored.get("gapped").keySet()).containsExactly(0L, 1L, 3L);
        // no document yet: the ids up to the batch's sequence are named, which finds what the dead attempt stored
        // below it; the one above (2) is not read now: it comes again with a later batch, whose duplicates refold
        assertThat(stored.get("stored-by-a-dead-attempt").keySet()).containsExactly(0L, 1L);
        assertThat(stored.get("forged-far-ahead").keySet()).containsExactly(0L);
        assertThat(stored.get("jumping-ahead").keySet()).containsExactly(0L);
        assertThat(stored.get("jumping-just-so").keySet()).containsExactly(0L);
        assertThat(stored.get(longId).keySet()).containsExactly(0L);

        List<String> byField = finds.stream().filter(f -> f.containsKey("aggregateId"))
                .flatMap(f -> f.getDocument("aggregateId").getArray("$in").stream())
                .map(v -> v.asString().getValue()).toList();
        assertThat(byField).containsExactlyInAnyOrder("gapped", "forged-far-ahead", "jumping-ahead", longId);
        List<String> byId = finds.stream().filter(f -> f.containsKey("_id"))
                .flatMap(f -> f.getDocument("_id").getArray("$in").stream())
                .map(v -> v.asString().getValue()).toList();
        List<String> expectedById = new ArrayList<>(List.of("contiguous/0", "contiguous/1", "contiguous/2",
                "contiguous/3", "contiguous/4", "contiguous/5", "stored-by-a-dead-attempt/0", "stored-by-a-dead-attempt/1"));
        for (long sequence = 0; sequence <= 1 + StoredTimelines.MAX_NAMED_JUMP; sequence++) {
            expectedById.add("jumping-just-so/" + sequence);
        }
        assertThat(byId).containsExactlyInAnyOrderElementsOf(expectedById);
    }

    private void store(String aggregateId, long... sequences) {
        for (long sequence : sequences) {
            events.insertOne(StoredEvent.of(incoming(aggregateId, sequence)).toDocument("TEST", null));
        }
    }

    private void bookkeeping(String aggregateId, long maxSequence, int eventCount) {
        documents.insertOne(new Document("_id", aggregateId).append("maxSequence", maxSequence)
                .append("eventCount", eventCount));
    }

    /** An event of a type the catalog does not know: the timeline keeps it without a payload to decode. */
    private static IncomingEvent incoming(String aggregateId, long sequence) {
        return new IncomingEvent(aggregateId + "-" + sequence, "test.unknown.v1", "project", "Unknown", aggregateId,
                sequence, Instant.parse("2026-12-04T00:00:00Z"), "tester", null, null, "{}", new Document(), null);
    }

    private static <T> T undecodable(String data, Class<T> type) {
        throw new AssertionError("no payload of an unknown type is decoded");
    }
}
