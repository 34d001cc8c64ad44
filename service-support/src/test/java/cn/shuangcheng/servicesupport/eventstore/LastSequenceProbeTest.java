package cn.shuangcheng.servicesupport.eventstore;

import cn.shuangcheng.servicesupport.testing.SharedMongo;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.engineOn;
import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every creation by reference asks {@code lastSequenceNumberFor} of an id that is usually new (bench/run.sh, M1). An
 * unknown aggregate is answered by one exact probe of the unique (aggregate, sequence) index for its first event,
 * which the MongoDB stand-in answers from the index; a sorted query is sent only for an aggregate that exists (the
 * stand-in scans the whole collection for a sort, so its cost grew with the store).
 */
class LastSequenceProbeTest {

    private final List<BsonDocument> finds = new CopyOnWriteArrayList<>();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(SharedMongo.connectionString()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent started) {
                    if (started.getCommandName().equals("find")) {
                        finds.add(started.getCommand().clone());
                    }
                }
            }).build());

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void anUnknownAggregateIsAnsweredByOneExactProbeOfItsFirstEventWithoutASort() {
        SequencedMongoEventStorageEngine engine = engineOn(client.getDatabase(
                SharedMongo.uniqueDatabaseName("probe"))).build();
        engine.appendEvents(event("project-1", 0), event("project-1", 1), event("project-1", 2));
        finds.clear();

        assertThat(engine.lastSequenceNumberFor("project-new")).isEmpty();

        assertThat(finds).hasSize(1);
        assertThat(finds.get(0).containsKey("sort")).as(finds.get(0).toJson()).isFalse();
        assertThat(finds.get(0).getDocument("filter").toJson())
                .isEqualTo("{\"aggregateIdentifier\": \"project-new\", \"sequenceNumber\": 0}");
        assertThat(engine.lastSequenceNumberFor("project-1")).contains(2L);
    }
}
