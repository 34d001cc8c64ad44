package cn.shuangcheng.support.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.support.kafka.KafkaConnectionProperties;

class KafkaHealthAutoConfigurationTest {

    @Test
    void everyCallOfTheHealthClientIsBoundedByTheCheckTimeout() {
        Map<String, Object> config = KafkaConnectionProperties.of("kafka:9092")
                .clientConfig(KafkaHealthAutoConfiguration.defaults(Duration.ofSeconds(2)), Map.of());

        assertThat(config).containsEntry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000)
                          .containsEntry(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000)
                          .containsEntry(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000L)
                          .containsEntry(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2000L);
    }

    @Test
    void kafkaPropertiesOverrideTheTimeoutsAndSetSecurityButNotTheServers() {
        KafkaConnectionProperties connection = new KafkaConnectionProperties("kafka:9092", Map.of(
                "request.timeout.ms", "5000", "bootstrap.servers", "elsewhere:9092",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"));

        Map<String, Object> config = connection.clientConfig(KafkaHealthAutoConfiguration.defaults(
                Duration.ofSeconds(2)), Map.of());

        assertThat(config).containsEntry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000")
                          .containsEntry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
                          .containsEntry("security.protocol", "SASL_SSL")
                          .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }
}
