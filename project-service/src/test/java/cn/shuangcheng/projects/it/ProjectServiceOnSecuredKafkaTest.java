package cn.shuangcheng.projects.it;

import cn.shuangcheng.contracts.Topics;
import cn.shuangcheng.projects.cooperation.api.ProjectIds;
import cn.shuangcheng.servicesupport.testing.SecuredKafka;
import cn.shuangcheng.servicesupport.testing.SecuredKafka.User;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * project-service on a broker with SASL (SCRAM-SHA-512) and the deployed ACLs, with nothing but its own credentials
 * in {@code shuangcheng.kafka.properties}: every one of its Kafka clients (publication producer and topic creation,
 * the intake listener's consumer, rejections producer and admin client, the health check) must take them, or the
 * service would not create its topics, read intake, publish, nor report Kafka UP. An intake record is written by an
 * intake system (the only user allowed to); the principal it names in a header is not believed.
 */
class ProjectServiceOnSecuredKafkaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static ProjectServiceRig service;

    @BeforeAll
    static void start() {
        service = ProjectServiceRig.onSecuredKafka().with("shuangcheng.intake.min-insync-replicas", 1).start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void intake_read_and_published_with_its_own_credentials_records_the_topics_principal_not_a_forged_header()
            throws Exception {
        String ref = "SASL-" + UUID.randomUUID();
        String projectId = ProjectIds.forProposal(ref);
        Map<String, Object> config = new HashMap<>(SecuredKafka.clientConfig(User.INTAKE_SYSTEM));
        try (KafkaProducer<String, String> intakeSystem = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(SecuredKafka.INTAKE, ref,
                    JSON.writeValueAsString(IntakeWorkersSurviveTest.item(ref)));
            // claims to come from someone with rights of their own; the listener records the topic's principal
            record.headers().add("principal", "project-admin".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_principal", "project-admin".getBytes(StandardCharsets.UTF_8));
            intakeSystem.send(record).get(30, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> service.storedEventsOf(projectId) == 5);

        List<ConsumerRecord<String, byte[]>> published = ProjectTopic.recordsOf(reportingConsumer(),
                SecuredKafka.PROJECT_EVENTS, projectId, 5, WAIT);
        assertThat(published).extracting(r -> ProjectApiTest.header(r, "ce_principal")).containsOnly("intake-topic");

        JsonNode health = JSON.readTree(service.management().get("/actuator/health").body());
        assertThat(health.at("/components/kafka/status").asString()).as(health.toString()).isEqualTo("UP");
        assertThat(health.at("/components/intakeTopic/status").asString()).as(health.toString()).isEqualTo("UP");
    }

    @Test
    void the_intake_topics_it_creates_carry_the_configured_min_insync_replicas() throws Exception {
        try (Admin admin = SecuredKafka.superUser()) {
            for (String topic : List.of(SecuredKafka.INTAKE, SecuredKafka.REJECTIONS)) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                // the service creates the topics as it starts: until then the broker does not know them
                ConfigEntry minInsync = await().atMost(WAIT)
                        .ignoreExceptionsMatching(e -> e.getCause() instanceof UnknownTopicOrPartitionException)
                        .until(() -> admin.describeConfigs(List.of(resource))
                        .all().get(30, TimeUnit.SECONDS).get(resource)
                        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), entry -> entry != null);
                assertThat(minInsync.source()).as(topic).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
                assertThat(minInsync.value()).as(topic).isEqualTo("1");
                assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                        .get(TopicConfig.MAX_DECOMPRESSED_MESSAGE_BYTES_CONFIG).value()).as(topic)
                        .isEqualTo(Integer.toString(Topics.MAX_RECORD_BYTES));
            }
        }
    }

    /**
     * An intake system is outside the joint office. A decompression bomb from it (8 MiB of zeros that zstd sends in a
     * few kB; a gigabyte costs about 30 kB) would be allocated whole by the intake listener's consumer, failing
     * project-service with OutOfMemoryError at every restart. The topic the service created refuses it.
     */
    @Test
    void a_decompression_bomb_from_an_intake_system_is_refused_by_the_topic_the_service_created() {
        Map<String, Object> config = new HashMap<>(SecuredKafka.clientConfig(User.INTAKE_SYSTEM));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 << 20);
        try (KafkaProducer<String, byte[]> intakeSystem = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            // the service creates the topic as it starts: until then the broker does not know it
            await().atMost(WAIT).ignoreExceptionsMatching(e -> e.getCause() instanceof UnknownTopicOrPartitionException)
                    .until(() -> describes(SecuredKafka.INTAKE));
            assertThatThrownBy(() -> intakeSystem.send(new ProducerRecord<>(SecuredKafka.INTAKE, "BOMB-1",
                    new byte[8 << 20])).get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(InvalidRecordException.class);
        }
    }

    private static boolean describes(String topic) throws Exception {
        try (Admin admin = SecuredKafka.superUser()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).containsKey(topic);
        }
    }

    /** reporting-service's consumer: its credentials and group, the only reader the ACLs allow besides admin. */
    private static KafkaConsumer<String, byte[]> reportingConsumer() {
        Map<String, Object> config = new HashMap<>(SecuredKafka.clientConfig(User.REPORTING_SERVICE));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reporting-service");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
