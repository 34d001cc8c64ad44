package cn.shuangcheng.support.health;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import cn.shuangcheng.support.kafka.KafkaConnectionAutoConfiguration;
import cn.shuangcheng.support.kafka.KafkaConnectionProperties;

/**
 * The {@code kafka} health indicator of every service that talks to Kafka ({@code shuangcheng.kafka.bootstrap-servers}
 * set, kafka-clients on the classpath; its admin client is made by {@link KafkaConnectionProperties}, with the
 * connection's security settings): in reporting-service's readiness group, in the write services' health
 * details only (a Kafka outage must not take their write API out of rotation). The check's timeout is
 * {@code shuangcheng.health.kafka-timeout} (default 2 s): keep the probe's own timeout above it. The admin client's
 * {@code request.timeout.ms}, {@code default.api.timeout.ms} and connection set-up timeouts follow it unless
 * {@code shuangcheng.kafka.properties} overrides them.
 */
@AutoConfiguration(after = KafkaConnectionAutoConfiguration.class)
@ConditionalOnClass({Admin.class, HealthIndicator.class})
@ConditionalOnBean(KafkaConnectionProperties.class)
public class KafkaHealthAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaConnectionProperties connection, Environment environment) {
        Duration timeout = environment.getProperty("shuangcheng.health.kafka-timeout", Duration.class,
                Duration.ofSeconds(2));
        String clientId = environment.getProperty("spring.application.name", "shuangcheng") + "-health";
        return new KafkaHealthIndicator(connection.admin(defaults(timeout),
                Map.of(AdminClientConfig.CLIENT_ID_CONFIG, clientId)), timeout);
    }

    /**
     * The health check's admin client: every call bounded by the check's timeout and connection attempts by a
     * second, unless {@code shuangcheng.kafka.properties} sets them (as it sets security).
     */
    static Map<String, Object> defaults(Duration timeout) {
        int timeoutMs = (int) timeout.toMillis();
        return Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) Math.min(1000, timeoutMs),
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) timeoutMs);
    }
}
