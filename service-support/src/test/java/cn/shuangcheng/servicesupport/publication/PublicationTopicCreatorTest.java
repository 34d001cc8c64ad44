package cn.shuangcheng.servicesupport.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.contracts.Topics;
import cn.shuangcheng.support.kafka.KafkaConnectionProperties;
import cn.shuangcheng.servicesupport.testing.SharedKafka;

class PublicationTopicCreatorTest {

    @Test
    void createsAMissingTopicWithTheConfiguredPartitionsAndLeavesAnExistingOneAlone() throws Exception {
        String topic = SharedKafka.uniqueTopic("publication-created");
        KafkaConnectionProperties connection = KafkaConnectionProperties.of(SharedKafka.bootstrapServers());

        new PublicationTopicCreator(connection, PublicationProperties.of(topic, "project", "project-service"))
                .ensureTopicExists();
        assertThat(partitions(topic)).isEqualTo(6);
        assertThat(retention(topic, TopicConfig.RETENTION_MS_CONFIG)).isEqualTo("-1");
        assertThat(retention(topic, TopicConfig.RETENTION_BYTES_CONFIG)).isEqualTo("-1");

        new PublicationTopicCreator(connection,
                PublicationProperties.of(topic, "project", "project-service").withPartitions(2))
                .ensureTopicExists();
        assertThat(partitions(topic)).isEqualTo(6);
    }

    @Test
    void theCreatedTopicCarriesTheConfiguredMinInsyncReplicasNotTheBrokersDefault() throws Exception {
        String topic = SharedKafka.uniqueTopic("publication-min-isr");

        new PublicationTopicCreator(KafkaConnectionProperties.of(SharedKafka.bootstrapServers()),
                new PublicationProperties(topic, "project", "project-service", null, null, 1, null, null, null, null))
                .ensureTopicExists();

        ConfigEntry minInsync = entry(topic, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        assertThat(minInsync.value()).isEqualTo("1");
        assertThat(minInsync.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    }

    /** A default of ours must never weaken a cluster whose brokers ask for more in-sync replicas. */
    @Test
    void unconfiguredTheTopicHasNoMinInsyncReplicasOfItsOwnAndTheBrokersApplies() throws Exception {
        String topic = SharedKafka.uniqueTopic("publication-broker-isr");

        new PublicationTopicCreator(KafkaConnectionProperties.of(SharedKafka.bootstrapServers()),
                PublicationProperties.of(topic, "project", "project-service")).ensureTopicExists();

        assertThat(entry(topic, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).source())
                .isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    }

    /**
     * A decompression bomb: 8 MiB of zeros that zstd sends in a few kB, under the broker's max.message.bytes. A
     * consumer allocates a record whole, so one such record (a gigabyte costs about 30 kB) would fail the reading
     * service with OutOfMemoryError at every restart. The broker refuses it; a large record of the contract passes.
     */
    @Test
    void theCreatedTopicRefusesARecordThatInflatesPastTheContractsBound() throws Exception {
        String topic = SharedKafka.uniqueTopic("publication-bomb");
        new PublicationTopicCreator(KafkaConnectionProperties.of(SharedKafka.bootstrapServers()),
                PublicationProperties.of(topic, "project", "project-service")).ensureTopicExists();
        assertThat(entry(topic, TopicConfig.MAX_DECOMPRESSED_MESSAGE_BYTES_CONFIG).value())
                .isEqualTo(Integer.toString(Topics.MAX_RECORD_BYTES));

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 << 20,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            assertThat(producer.send(new ProducerRecord<>(topic, new byte[200_000])).get(30, TimeUnit.SECONDS)
                    .offset()).isZero();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, new byte[8 << 20]))
                    .get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InvalidRecordException.class);
        }
        assertThat(SharedKafka.recordCount(topic)).isEqualTo(1);
    }

    @Test
    void minInsyncReplicasAboveTheReplicationFactorIsRefused() {
        assertThatThrownBy(() -> new PublicationProperties("t", "project", "project-service", null, (short) 2, 3,
                null, null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min-insync-replicas (3) must not exceed replication-factor (2)");
    }

    /** In Kubernetes a broker's DNS name is gone while its pod is: Kafka did not answer, as for a timeout. */
    @Test
    void aBootstrapAddressThatDoesNotResolveIsKafkaNotAnswering() {
        PublicationProperties publication = PublicationProperties.of("shuangcheng.project.events.v1", "project",
                "project-service").withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(2));
        PublicationTopicCreator creator = new PublicationTopicCreator(
                KafkaConnectionProperties.of("kafka-0.no-such-broker.invalid:9092"), publication);

        assertThatThrownBy(creator::ensureTopicExists)
                .isInstanceOfSatisfying(PublicationTopicCreator.KafkaUnavailableException.class,
                        e -> assertThat(e.kafkaDidNotAnswer()).isTrue())
                .hasMessageContaining("kafka-0.no-such-broker.invalid:9092");
    }

    @Test
    void failsWithinTheTimeoutNamingTopicAndServersWhenKafkaCannotBeReached() {
        PublicationProperties publication = PublicationProperties.of("shuangcheng.project.events.v1", "project",
                "project-service").withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(2));
        PublicationTopicCreator creator = new PublicationTopicCreator(KafkaConnectionProperties.of("127.0.0.1:1"),
                publication);

        long started = System.nanoTime();
        assertThatThrownBy(creator::ensureTopicExists)
                .isInstanceOf(PublicationTopicCreator.KafkaUnavailableException.class)
                .hasMessageContaining("shuangcheng.project.events.v1")
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("2000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    private static String retention(String topic, String key) throws Exception {
        return entry(topic, key).value();
    }

    private static ConfigEntry entry(String topic, String key) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = SharedKafka.admin()) {
            return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).get(key);
        }
    }

    private static int partitions(String topic) throws Exception {
        try (Admin admin = SharedKafka.admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                        .partitions().size();
        }
    }
}
