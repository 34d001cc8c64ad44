package cn.shuangcheng.servicesupport.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

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

    @Test
    void minInsyncReplicasAboveTheReplicationFactorIsRefused() {
        assertThatThrownBy(() -> new PublicationProperties("t", "project", "project-service", null, (short) 2, 3,
                null, null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min-insync-replicas (3) must not exceed replication-factor (2)");
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
