package cn.shuangcheng.servicesupport.eventstore;

import cn.shuangcheng.servicesupport.testing.SharedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.time.LocalDate;

/** One driver client on the shared stand-in for all event store tests, and small factories for test events. */
final class EventStoreTestSupport {

    /** The payload of test events: a record with an ISO date and an integer amount, like our domain events. */
    record AmountRecorded(String note, LocalDate day, long amountYuan) {
    }

    private static final MongoClient CLIENT = MongoClients.create(SharedMongo.connectionString());

    private EventStoreTestSupport() {
    }

    static MongoClient client() {
        return CLIENT;
    }

    static MongoDatabase freshDatabase(String prefix) {
        return CLIENT.getDatabase(SharedMongo.uniqueDatabaseName(prefix));
    }

    static SequencedMongoEventStorageEngine.Builder engineOn(MongoDatabase database) {
        return SequencedMongoEventStorageEngine.builder()
                                               .database(database)
                                               .eventSerializer(AxonJsonSerializers.jacksonSerializer())
                                               .snapshotSerializer(AxonJsonSerializers.jacksonSerializer());
    }

    /** Whether a tracker closed this global index with a tombstone. */
    static boolean tombstoneAt(MongoDatabase database, long index) {
        org.bson.BsonDocument stored = database.getCollection("domainevents", org.bson.BsonDocument.class)
                .find(new org.bson.BsonDocument("_id", new org.bson.BsonInt64(index))).first();
        return stored != null && GapTombstones.isTombstone(stored);
    }

    /** How many global indexes trackers closed with tombstones. */
    static long tombstones(MongoDatabase database) {
        return database.getCollection("domainevents").countDocuments(new org.bson.Document(GapTombstones.MARKER, true));
    }

    static DomainEventMessage<AmountRecorded> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>(
                "TestAccount", aggregateId, sequence,
                new AmountRecorded(aggregateId + "#" + sequence, LocalDate.of(2023, 2, 10), 1_000 + sequence),
                MetaData.with("principal", "alice").and("correlationId", "corr-" + aggregateId));
    }
}
