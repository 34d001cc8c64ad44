package cn.shuangcheng.support.publication;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * Sends CloudEvents to one topic in binary content mode ({@code ce_*} headers, JSON body), keyed by aggregate id so
 * that one aggregate's events share a partition. The producer is idempotent with {@code acks=all}: its retries
 * neither duplicate nor reorder records within a partition.
 */
public final class CloudEventKafkaSender implements AutoCloseable {

    private static final int LINGER_MS = 5;

    private final Producer<String, CloudEvent> producer;
    private final String topic;
    private KafkaClientMetrics clientMetrics;

    public CloudEventKafkaSender(KafkaConnectionProperties connection, PublicationProperties publication) {
        this(new KafkaProducer<>(producerProperties(connection, publication)), publication.topic());
    }

    CloudEventKafkaSender(Producer<String, CloudEvent> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    static Map<String, Object> producerProperties(KafkaConnectionProperties connection,
                                                  PublicationProperties publication) {
        long deliveryTimeoutMs = publication.sendTimeout().toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "shuangcheng-publication-" + publication.serviceName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, deliveryTimeoutMs - LINGER_MS));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeoutMs);
        // send() blocks the processor thread while topic metadata is missing; bound it by the same timeout.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeoutMs);
        config.putAll(connection.properties());
        // What the publication guarantee rests on cannot be overridden by extra properties.
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        config.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY);
        return config;
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

    /** The producer's own metrics ({@code kafka.producer.*}) on the registry, until {@link #close()}. */
    public synchronized void bindMetrics(MeterRegistry registry) {
        if (clientMetrics == null) {
            clientMetrics = new KafkaClientMetrics(producer);
            clientMetrics.bindTo(registry);
        }
    }

    @Override
    public synchronized void close() {
        if (clientMetrics != null) {
            clientMetrics.close();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
