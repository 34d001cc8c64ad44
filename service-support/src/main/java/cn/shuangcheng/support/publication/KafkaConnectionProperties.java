package cn.shuangcheng.support.publication;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code shuangcheng.kafka.*}: how to reach the Kafka cluster.
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param properties       further client settings (security, timeouts), e.g.
 *                         {@code shuangcheng.kafka.properties[security.protocol]=SASL_SSL}; they cannot switch off
 *                         the producer's idempotence or {@code acks=all}
 */
@ConfigurationProperties("shuangcheng.kafka")
public record KafkaConnectionProperties(String bootstrapServers, Map<String, String> properties) {

    public KafkaConnectionProperties {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("shuangcheng.kafka.bootstrap-servers is required");
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static KafkaConnectionProperties of(String bootstrapServers) {
        return new KafkaConnectionProperties(bootstrapServers, Map.of());
    }
}
