package cn.shuangcheng.reporting.it;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import cn.shuangcheng.servicesupport.testing.SharedKafka;

/**
 * A small producer that publishes as the contract says (and as project-service's publication does): binary content
 * mode, {@code ce_*} headers, key = aggregate id, JSON data. Remembers what it sent so a test can send it again.
 */
final class ContractEvents implements AutoCloseable {

    record Sent(String topic, String key, byte[] value, RecordHeaders headers) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> sequences = new HashMap<>();
    private final java.util.List<Sent> sent = new java.util.ArrayList<>();
    private Instant clock = Instant.parse("2023-07-01T08:00:00Z");

    ContractEvents() {
        this(Map.of());
    }

    /** @param overrides producer settings, e.g. compression and a larger max.request.size for huge records */
    ContractEvents(Map<String, Object> overrides) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putAll(overrides);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** The next event of the aggregate, at its next sequence. */
    Sent send(String topic, String context, String aggregateId, String eventName, String json) {
        return sendTraced(topic, context, aggregateId, eventName, json, null);
    }

    /** The next event of the aggregate, carrying the trace context of what caused it ({@code ce_traceparent}). */
    Sent sendTraced(String topic, String context, String aggregateId, String eventName, String json,
                    String traceparent) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        return sendAt(topic, context, aggregateId, eventName, json, sequence, traceparent);
    }

    /** An event at a given sequence (for gaps and redeliveries). */
    Sent sendAt(String topic, String context, String aggregateId, String eventName, String json, long sequence) {
        return sendAt(topic, context, aggregateId, eventName, json, sequence, null);
    }

    private Sent sendAt(String topic, String context, String aggregateId, String eventName, String json, long sequence,
                        String traceparent) {
        sequences.merge(aggregateId, sequence + 1, Math::max);
        clock = clock.plusSeconds(60);
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", UUID.randomUUID().toString());
        header(headers, "ce_source", "urn:shuangcheng:" + context + "-service");
        header(headers, "ce_type", "shuangcheng." + context + "." + eventName + ".v1");
        header(headers, "ce_subject", aggregateId);
        header(headers, "ce_time", clock.toString());
        header(headers, "ce_dataschema", "urn:shuangcheng:schema:" + context + ":" + eventName + ":v1");
        header(headers, "content-type", "application/json");
        header(headers, "ce_sequence", Long.toString(sequence));
        header(headers, "ce_principal", "office-clerk");
        header(headers, "ce_correlationid", UUID.randomUUID().toString());
        if (traceparent != null) {
            header(headers, "ce_traceparent", traceparent);
        }
        Sent record = new Sent(topic, aggregateId, json.getBytes(StandardCharsets.UTF_8), headers);
        resend(record);
        return record;
    }

    /** Sends a record again exactly as before: a redelivery or re-sent producer batch. */
    void resend(Sent record) {
        publish(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers()));
        sent.add(record);
    }

    void sendRaw(String topic, String key, byte[] value, RecordHeaders headers) {
        publish(new ProducerRecord<>(topic, null, key, value, headers));
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    private void publish(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
