package cn.shuangcheng.servicesupport.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cn.shuangcheng.servicesupport.eventstore.AxonJsonSerializers;
import cn.shuangcheng.servicesupport.eventstore.SequencedMongoEventStorageEngine;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;

/**
 * Publication over the services' own storage: {@link SequencedMongoEventStorageEngine} and axon-mongo's
 * {@link MongoTokenStore}, on the shared MongoDB stand-in. The Mongo token store writes at once, outside any
 * transaction, which is exactly where storing the token before processing would lose events.
 */
class KafkaPublicationOnMongoTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final MongoClient mongoClient = MongoClients.create(SharedMongo.connectionString());
    private final String database = SharedMongo.uniqueDatabaseName("publication");
    private final SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
            .database(mongoClient.getDatabase(database))
            .eventSerializer(AxonJsonSerializers.jacksonSerializer())
            .snapshotSerializer(AxonJsonSerializers.jacksonSerializer())
            .build();
    private final TokenStore tokenStore = MongoTokenStore.builder()
            .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongoClient, database).build())
            .serializer(AxonJsonSerializers.jacksonSerializer())
            .build();

    @AfterEach
    void closeClient() {
        mongoClient.close();
    }

    private static PublicationProperties publication(String topic) {
        return PublicationProperties.of(topic, "project", "project-service")
                                    .withBatchSize(10)
                                    .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(20));
    }

    @Test
    void keepsTheMongoTokenWhileKafkaRefusesEvenUnderATransactionManager() throws Exception {
        String topic = SharedKafka.uniqueTopic("publication-mongo-refused");
        SharedKafka.createTopic(topic, 2);
        List<DomainEventMessage<?>> before = List.of(TestEvents.investment("P-1", 0, 10));
        List<DomainEventMessage<?>> during = List.of(TestEvents.investment("P-1", 1, 11),
                TestEvents.investment("P-2", 0, 20));

        try (PublicationRig rig = PublicationRig.start(publication(topic), engine, tokenStore,
                PublicationRig.nonParticipatingTransactionManager())) {
            rig.publish(before);
            await().atMost(WAIT).until(rig::caughtUpWithStore);
            TrackingToken tokenBeforeOutage = rig.storedToken();

            setTopicConfig(topic, "max.message.bytes", "64");
            rig.publish(during);
            await().atMost(WAIT).until(rig::inError);

            assertThat(rig.storedToken()).isEqualTo(tokenBeforeOutage);
            assertThat(SharedKafka.recordCount(topic)).isEqualTo(before.size());

            setTopicConfig(topic, "max.message.bytes", "1048588");
            await().atMost(WAIT).until(rig::caughtUpWithStore);
            assertThat(SharedKafka.recordCount(topic)).isEqualTo(before.size() + during.size());
        }
    }

    @Test
    void afterARestartPublishesWhatWasStoredMeanwhileAndNothingTwice() {
        String topic = SharedKafka.uniqueTopic("publication-mongo-restart");
        List<DomainEventMessage<?>> firstRun = investments(0, 12);
        List<DomainEventMessage<?>> whileDown = investments(12, 20);

        try (PublicationRig rig = PublicationRig.start(publication(topic), engine, tokenStore)) {
            rig.publish(firstRun);
            await().atMost(WAIT).until(rig::caughtUpWithStore);
        }
        engine.appendEvents(whileDown);
        try (PublicationRig rig = PublicationRig.start(publication(topic), engine, tokenStore)) {
            await().atMost(WAIT).until(rig::caughtUpWithStore);
        }

        assertThat(SharedKafka.recordCount(topic)).isEqualTo(20);
        List<ConsumerRecord<String, byte[]>> records = SharedKafka.readRecords(topic, 20, WAIT);
        assertThat(records).extracting(record -> new String(record.headers().lastHeader("ce_id").value(),
                                   StandardCharsets.UTF_8))
                           .containsExactlyInAnyOrderElementsOf(
                                   java.util.stream.Stream.concat(firstRun.stream(), whileDown.stream())
                                                          .map(DomainEventMessage::getIdentifier).toList());
        // What the engine stored comes back as the same JSON the in-memory run publishes.
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).startsWith("{\"projectId\":\"P-");
    }

    private static List<DomainEventMessage<?>> investments(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> TestEvents.investment("P-" + (i % 3), i / 3, i))
                        .collect(Collectors.toList());
    }

    static void setTopicConfig(String topic, String name, String value) throws Exception {
        try (Admin admin = SharedKafka.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(name, value), AlterConfigOp.OpType.SET))))
                 .all().get(30, TimeUnit.SECONDS);
        }
    }
}
