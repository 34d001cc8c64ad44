package cn.shuangcheng.reporting.ingestion.kafka;

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
import cn.shuangcheng.support.kafka.KafkaConnectionProperties;

/**
 * The consumers and the dead-letter producer, configured the one way that keeps the guarantees, and made by
 * {@link KafkaConnectionProperties} with the connection's security settings.
 */
public final class KafkaClients {

    private final KafkaConnectionProperties kafka;
    private final ReportingProperties properties;

    public KafkaClients(KafkaConnectionProperties kafka, ReportingProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    /** @param groupId null for a manually assigned consumer (a rebuild) */
    public KafkaConsumer<String, byte[]> consumer(String groupId, String clientId) {
        Map<String, Object> config = new HashMap<>();
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // Offsets are committed by hand, after the read-model writes were acknowledged.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return kafka.consumer(Map.of(), config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public KafkaProducer<String, byte[]> deadLetterProducer() {
        // A dead letter is the record as it arrived; records travel compressed, so one that fitted the event topic
        // compressed may be far larger than 1 MB as bytes. Compressed again it fits the dead-letter topic as well;
        // max.request.size is checked against the uncompressed size, hence the headroom (the broker still enforces
        // its own limit on the compressed batch, and the topic its bound on a record decompressed: twice the event
        // topics', contracts' Topics.MAX_DEAD_LETTER_BYTES; a letter past either is sent smaller, see DeadLetters).
        Map<String, Object> defaults = Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024 * 1024);
        Map<String, Object> fixed = Map.of(ProducerConfig.CLIENT_ID_CONFIG, "reporting-dead-letters",
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return kafka.producer(defaults, fixed, new StringSerializer(), new ByteArraySerializer());
    }
}
