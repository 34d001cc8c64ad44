package cn.shuangcheng.support.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code kafka} health indicator of every service that talks to Kafka ({@code shuangcheng.kafka.bootstrap-servers}
 * set, kafka-clients on the classpath): in reporting-service's readiness group, in the write services' health
 * details only (a Kafka outage must not take their write API out of rotation). The check's timeout is
 * {@code shuangcheng.health.kafka-timeout} (default 2 s): keep the probe's own timeout above it. The admin client's
 * {@code request.timeout.ms}, {@code default.api.timeout.ms} and connection set-up timeouts follow it unless
 * {@code shuangcheng.kafka.properties} overrides them.
 */
@AutoConfiguration
@ConditionalOnClass({Admin.class, HealthIndicator.class})
@ConditionalOnProperty(prefix = "shuangcheng.kafka", name = "bootstrap-servers")
public class KafkaHealthAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(Environment environment) {
        Duration timeout = environment.getProperty("shuangcheng.health.kafka-timeout", Duration.class,
                Duration.ofSeconds(2));
        return new KafkaHealthIndicator(Admin.create(adminProperties(environment, timeout)), timeout);
    }

    /**
     * The health check's admin client: every call bounded by the check's timeout and connection attempts by a
     * second, unless {@code shuangcheng.kafka.properties} sets them (as it may set security).
     */
    static Map<String, Object> adminProperties(Environment environment, Duration timeout) {
        int timeoutMs = (int) timeout.toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) Math.min(1000, timeoutMs));
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) timeoutMs);
        config.putAll(Binder.get(environment)
                .bind("shuangcheng.kafka.properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getProperty("shuangcheng.kafka.bootstrap-servers"));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, environment.getProperty("spring.application.name", "shuangcheng")
                + "-health");
        return config;
    }
}
