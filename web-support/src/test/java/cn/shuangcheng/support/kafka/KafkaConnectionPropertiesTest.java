package cn.shuangcheng.support.kafka;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaConnectionPropertiesTest {

    @Test
    void security_and_timeouts_reach_every_client_but_the_clients_fixed_settings_win() {
        KafkaConnectionProperties connection = new KafkaConnectionProperties("broker:9092", Map.of(
                "security.protocol", "SASL_SSL", "request.timeout.ms", "9000", ProducerConfig.ACKS_CONFIG, "0"));

        Map<String, Object> config = connection.clientConfig(Map.of("request.timeout.ms", "1000"),
                Map.of(ProducerConfig.ACKS_CONFIG, "all"));

        assertThat(config).containsEntry("security.protocol", "SASL_SSL").containsEntry("request.timeout.ms", "9000")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all").containsEntry("bootstrap.servers", "broker:9092");
    }

    @Test
    void settings_that_would_change_an_aggregates_partition_or_the_delivery_are_refused_at_start() {
        for (String key : KafkaConnectionProperties.SEMANTIC_SETTINGS) {
            assertThatThrownBy(() -> new KafkaConnectionProperties("broker:9092", Map.of(key, "x")))
                    .as(key).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
        }
        assertThat(KafkaConnectionProperties.SEMANTIC_SETTINGS).contains("partitioner.class",
                "partitioner.ignore.keys");
    }
}
