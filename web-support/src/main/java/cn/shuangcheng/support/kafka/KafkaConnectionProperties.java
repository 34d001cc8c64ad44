package cn.shuangcheng.support.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code shuangcheng.kafka.*}: how to reach the Kafka cluster, and who we are on it. The one place every Kafka client
 * of the services is made: publication, intake listener, reporting's consumers and dead-letter producer, health and
 * topic creation all call {@link #producer}, {@link #consumer} or {@link #admin}, so none can be built without the
 * connection's security settings (KafkaClientsRule, run by project-service's and reporting-service's tests, keeps it
 * that way).
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param properties       further client settings, taken by every client: security ({@code security.protocol},
 *                         {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.*}) and timeouts, e.g.
 *                         {@code shuangcheng.kafka.properties[security.protocol]=SASL_SSL}; they cannot change what a
 *                         client's guarantees rest on (e.g. the producers' idempotence or {@code acks=all})
 */
@ConfigurationProperties("shuangcheng.kafka")
public record KafkaConnectionProperties(String bootstrapServers, Map<String, String> properties) {

    public KafkaConnectionProperties {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("shuangcheng.kafka.bootstrap-servers is required");
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        for (String key : properties.keySet()) {
            if (SEMANTIC_SETTINGS.contains(key)) {
                throw new IllegalArgumentException("shuangcheng.kafka.properties[" + key + "] is not accepted: it "
                        + "would change how records are keyed, ordered or delivered, which the services rely on");
            }
        }
    }

    /**
     * Settings the connection must not carry: partitioners and interceptors decide which partition, hence the order,
     * of an aggregate's events; a transactional id would change the producers' delivery. (acks, idempotence,
     * serializers and commits are overridden by each client's fixed settings anyway.)
     */
    static final java.util.Set<String> SEMANTIC_SETTINGS = java.util.Set.of("partitioner.class",
            "partitioner.ignore.keys", "interceptor.classes", "transactional.id");

    public static KafkaConnectionProperties of(String bootstrapServers) {
        return new KafkaConnectionProperties(bootstrapServers, Map.of());
    }

    /**
     * A client's settings, in this order: the client's {@code defaults} (timeouts, client id), then
     * {@link #properties()} over them (security, and overrides of those defaults), then the bootstrap servers and the
     * client's {@code fixed} settings over everything.
     */
    public Map<String, Object> clientConfig(Map<String, ?> defaults, Map<String, ?> fixed) {
        Map<String, Object> config = new HashMap<>(defaults);
        config.putAll(properties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(fixed);
        return config;
    }

    /** An admin client with {@link #clientConfig}; close it. */
    public Admin admin(Map<String, ?> defaults, Map<String, ?> fixed) {
        return Admin.create(clientConfig(defaults, fixed));
    }

    /** A producer with {@link #clientConfig}; serializers may be given in {@code fixed} instead (then pass null). */
    public <K, V> KafkaProducer<K, V> producer(Map<String, ?> defaults, Map<String, ?> fixed,
                                               Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(clientConfig(defaults, fixed), keys, values);
    }

    /** A consumer with {@link #clientConfig}. */
    public <K, V> KafkaConsumer<K, V> consumer(Map<String, ?> defaults, Map<String, ?> fixed,
                                               Deserializer<K> keys, Deserializer<V> values) {
        return new KafkaConsumer<>(clientConfig(defaults, fixed), keys, values);
    }
}
