package cn.shuangcheng.support.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class KafkaHealthAutoConfigurationTest {

    @Test
    void everyCallOfTheHealthClientIsBoundedByTheCheckTimeout() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("shuangcheng.kafka.bootstrap-servers", "kafka:9092")
                .withProperty("spring.application.name", "cadre-service");

        Map<String, Object> config = KafkaHealthAutoConfiguration.adminProperties(environment, Duration.ofSeconds(2));

        assertThat(config).containsEntry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000)
                          .containsEntry(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000)
                          .containsEntry(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000L)
                          .containsEntry(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2000L)
                          .containsEntry(AdminClientConfig.CLIENT_ID_CONFIG, "cadre-service-health");
    }

    @Test
    void kafkaPropertiesOverrideTheTimeoutsButNotTheServers() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("shuangcheng.kafka.bootstrap-servers", "kafka:9092")
                .withProperty("shuangcheng.kafka.properties[request.timeout.ms]", "5000")
                .withProperty("shuangcheng.kafka.properties[bootstrap.servers]", "elsewhere:9092");

        Map<String, Object> config = KafkaHealthAutoConfiguration.adminProperties(environment, Duration.ofSeconds(2));

        assertThat(config).containsEntry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000")
                          .containsEntry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092");
    }
}
