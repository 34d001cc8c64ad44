package cn.shuangcheng.servicesupport.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.support.kafka.KafkaConnectionProperties;

class PublicationTimeoutsTest {

    private final PublicationProperties publication = PublicationProperties.of("t", "project", "project-service");

    @Test
    void theProducerGivesUpWithinTheSendTimeoutAndBlocksForTwoSecondsAtMostByDefault() {
        Map<String, Object> config = CloudEventKafkaSender.producerProperties(
                KafkaConnectionProperties.of("kafka:9092"), publication);

        assertThat(publication.sendTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000)
                          .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4995)
                          .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000L);
    }

    @Test
    void timeoutsMayBeOverriddenButNotTheDeliveryGuarantee() {
        KafkaConnectionProperties connection = new KafkaConnectionProperties("kafka:9092", Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000", ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000",
                ProducerConfig.ACKS_CONFIG, "0"));

        Map<String, Object> config = CloudEventKafkaSender.producerProperties(connection, publication);

        assertThat(config).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000")
                          .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000")
                          .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
        assertThat(CloudEventKafkaSender.maxBlock(connection, publication)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBatchMustEndWithinTheTokenClaim() {
        // 5 s send timeout + 2 s max.block + 2 s to store the token < 10 s claim
        publication.requireBatchWithinClaim(Duration.ofSeconds(2), Duration.ofSeconds(10));

        assertThatThrownBy(() -> publication.requireBatchWithinClaim(Duration.ofSeconds(3), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be shorter than the token claim timeout");
    }
}
