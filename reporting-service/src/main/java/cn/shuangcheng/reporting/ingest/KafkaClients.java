package cn.shuangcheng.reporting.ingest;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import cn.shuangcheng.reporting.ReportingProperties;

/** The consumers and the dead-letter producer, configured the one way that keeps the guarantees. */
public final class KafkaClients {

    private final ReportingProperties.Kafka kafka;
    private final ReportingProperties properties;

    public KafkaClients(ReportingProperties.Kafka kafka, ReportingProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    /** @param groupId null for a manually assigned consumer (a rebuild) */
    public KafkaConsumer<String, byte[]> consumer(String groupId, String clientId) {
        Map<String, Object> config = new HashMap<>(kafka.properties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // Offsets are committed by hand, after the read-model writes were acknowledged.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public KafkaProducer<String, byte[]> deadLetterProducer() {
        Map<String, Object> config = new HashMap<>(kafka.properties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "reporting-dead-letters");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A dead letter is the record as it arrived; records travel compressed, so one that fitted the event topic
        // compressed may be far larger than 1 MB as bytes. Compressed again it fits the dead-letter topic as well;
        // max.request.size is checked against the uncompressed size, hence the headroom (the broker still enforces
        // its own limit on the compressed batch).
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024 * 1024);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
