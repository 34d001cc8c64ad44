package cn.shuangcheng.servicesupport.publication;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import cn.shuangcheng.support.kafka.KafkaConnectionProperties;
import cn.shuangcheng.support.kafka.RenewingProducer;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends CloudEvents to one topic in binary content mode ({@code ce_*} headers, JSON body), keyed by aggregate id so
 * that one aggregate's events share a partition. The producer is idempotent with {@code acks=all}: its retries
 * neither duplicate nor reorder records within a partition. A producer that failed a send is replaced before the next
 * ({@link RenewingProducer}): one that failed authentication once would otherwise never send again.
 */
public final class CloudEventKafkaSender implements AutoCloseable {

    private static final int LINGER_MS = 5;
    /** Metadata of a healthy cluster arrives in milliseconds; longer means Kafka is not there. */
    static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(2);

    private final RenewingProducer<String, CloudEvent> producer;
    private final String topic;

    public CloudEventKafkaSender(KafkaConnectionProperties connection, PublicationProperties publication) {
        this(connection, publication, null);
    }

    /** @param registry where the producer's own metrics ({@code kafka.producer.*}) go, or null */
    public CloudEventKafkaSender(KafkaConnectionProperties connection, PublicationProperties publication,
                                 MeterRegistry registry) {
        this.producer = new RenewingProducer<>("publication",
                () -> connection.<String, CloudEvent>producer(defaults(publication), guarantees(), null, null),
                registry);
        this.topic = publication.topic();
    }

    static Map<String, Object> producerProperties(KafkaConnectionProperties connection,
                                                  PublicationProperties publication) {
        return connection.clientConfig(defaults(publication), guarantees());
    }

    /** Timeouts and the client id, which (like security) shuangcheng.kafka.properties may set otherwise. */
    private static Map<String, Object> defaults(PublicationProperties publication) {
        Map<String, Object> config = new HashMap<>(timeoutDefaults(publication));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "shuangcheng-publication-" + publication.serviceName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        return config;
    }

    /** What the publication guarantee rests on: extra properties cannot override it. */
    private static Map<String, Object> guarantees() {
        return Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class,
                CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY);
    }

    /**
     * The producer's timeouts unless {@code shuangcheng.kafka.properties} sets them: a record is given up after the
     * send timeout ({@code delivery.timeout.ms}; Kafka requires it to be at least {@code linger.ms} plus
     * {@code request.timeout.ms}), and {@code send()} blocks the processor for at most {@link #DEFAULT_MAX_BLOCK}
     * while topic metadata is missing or the buffer is full.
     */
    static Map<String, Object> timeoutDefaults(PublicationProperties publication) {
        long sendTimeoutMs = publication.sendTimeout().toMillis();
        return Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, sendTimeoutMs - LINGER_MS),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(DEFAULT_MAX_BLOCK.toMillis(), sendTimeoutMs));
    }

    /** How long one {@code send()} may block the publishing thread, as configured (default or override). */
    static Duration maxBlock(KafkaConnectionProperties connection, PublicationProperties publication) {
        Object configured = producerProperties(connection, publication).get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        return Duration.ofMillis(Long.parseLong(configured.toString()));
    }

    /**
     * Hands the event to the producer and returns at once; the future completes when Kafka acknowledged the record
     * (all in-sync replicas) or the send timeout expired. May block while the topic's metadata is unknown.
     */
    public CompletableFuture<RecordMetadata> send(String key, CloudEvent event) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, key, event), (metadata, failure) -> {
            if (failure != null) {
                acknowledged.completeExceptionally(failure);
            } else {
                acknowledged.complete(metadata);
            }
        });
        return acknowledged;
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
