package cn.shuangcheng.localstack.report;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Waits until reporting-service has applied everything the write services stored: for each write service, its topic
 * holds at least as many records as its event store holds events (all published; at-least-once may add duplicates),
 * and reporting-service's consumer group has committed the topic's end offset on every partition (it commits only
 * after its read-model writes). Only then do its reports answer for all of the loaded data.
 */
public final class ReportingCatchUp {

    /** A write service's event store (its database) and the topic it publishes to. */
    public record Source(String database, String topic) {
    }

    /** Where things stood at the last look. */
    public record Position(long storedEvents, long published, long applied) {

        boolean caughtUp() {
            return published >= storedEvents && applied == published;
        }
    }

    private final Map<String, Object> adminConfig;
    private final String mongoUri;
    private final String groupId;
    private final List<Source> sources;

    /** @param adminConfig the admin client's settings (bootstrap servers, and the login on a SASL broker) */
    public ReportingCatchUp(Map<String, Object> adminConfig, String mongoUri, String groupId, List<Source> sources) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.mongoUri = mongoUri;
        this.groupId = groupId;
        this.sources = List.copyOf(sources);
    }

    public Position await(Duration deadline) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        Position position = null;
        try (Admin admin = Admin.create(adminConfig);
             MongoClient mongo = MongoClients.create(mongoUri)) {
            while (System.nanoTime() < until) {
                position = position(admin, mongo);
                if (position.caughtUp()) {
                    return position;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("reporting-service has not caught up within " + deadline + ": " + position
                + " (see its log)");
    }

    private Position position(Admin admin, MongoClient mongo) {
        long stored = 0;
        long published = 0;
        long applied = 0;
        try {
            Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            for (Source source : sources) {
                // events only: a tombstone closes a global index trackers gave up, and is never published
                stored += mongo.getDatabase(source.database()).getCollection("domainevents")
                        .countDocuments(new org.bson.Document("tombstone", new org.bson.Document("$exists", false)));
                if (!topics.contains(source.topic())) {
                    continue;
                }
                int partitions = admin.describeTopics(List.of(source.topic())).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(source.topic()).partitions().size();
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                for (int p = 0; p < partitions; p++) {
                    request.put(new TopicPartition(source.topic(), p), OffsetSpec.latest());
                }
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                        .get(10, TimeUnit.SECONDS);
                for (var end : ends.entrySet()) {
                    published += end.getValue().offset();
                    OffsetAndMetadata done = committed.get(end.getKey());
                    applied += done == null ? 0 : Math.min(done.offset(), end.getValue().offset());
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Position(stored, -1, -1);
        }
        return new Position(stored, published, applied);
    }
}
