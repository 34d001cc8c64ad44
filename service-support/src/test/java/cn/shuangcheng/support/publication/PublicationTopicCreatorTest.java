package cn.shuangcheng.support.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.support.testing.SharedKafka;

class PublicationTopicCreatorTest {

    @Test
    void createsAMissingTopicWithTheConfiguredPartitionsAndLeavesAnExistingOneAlone() throws Exception {
        String topic = SharedKafka.uniqueTopic("publication-created");
        KafkaConnectionProperties connection = KafkaConnectionProperties.of(SharedKafka.bootstrapServers());

        new PublicationTopicCreator(connection, PublicationProperties.of(topic, "project", "project-service"))
                .ensureTopicExists();
        assertThat(partitions(topic)).isEqualTo(6);

        new PublicationTopicCreator(connection,
                PublicationProperties.of(topic, "project", "project-service").withPartitions(2))
                .ensureTopicExists();
        assertThat(partitions(topic)).isEqualTo(6);
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

    private static int partitions(String topic) throws Exception {
        try (Admin admin = SharedKafka.admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                        .partitions().size();
        }
    }
}
