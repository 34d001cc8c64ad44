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
 * set, kafka-clients on the classpath), for the readiness group. The check's timeout is
 * {@code shuangcheng.health.kafka-timeout} (default 2 s): keep the readiness probe's own timeout above it.
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
        Map<String, Object> config = new HashMap<>(Binder.get(environment)
                .bind("shuangcheng.kafka.properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getProperty("shuangcheng.kafka.bootstrap-servers"));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, environment.getProperty("spring.application.name", "shuangcheng")
                + "-health");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return new KafkaHealthIndicator(Admin.create(config), timeout);
    }
}
