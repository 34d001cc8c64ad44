package cn.shuangcheng.reporting.ingestion.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends records that cannot be read to the dead-letter topic: same key and value, the original headers, and
 * {@code dlq.reason}, {@code dlq.origin.topic}, {@code dlq.origin.partition}, {@code dlq.origin.offset},
 * {@code dlq.consumer.group}, {@code dlq.failed.at}. The consumer commits past a record only after its dead letter
 * was acknowledged, so a poison record is never lost, and it never blocks the stream.
 */
public final class DeadLetters {

    public static final String REASON = "dlq.reason";
    public static final String ORIGIN_TOPIC = "dlq.origin.topic";
    public static final String ORIGIN_PARTITION = "dlq.origin.partition";
    public static final String ORIGIN_OFFSET = "dlq.origin.offset";
    public static final String CONSUMER_GROUP = "dlq.consumer.group";
    public static final String FAILED_AT = "dlq.failed.at";
    public static final String VALUE_OMITTED = "dlq.value.omitted";

    /** Sends nothing: a rebuild's, whose unreadable records the live consumer has parked already. */
    public static final DeadLetters NONE = new DeadLetters(null, null, null);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String groupId;

    public DeadLetters(Producer<String, byte[]> producer, String topic, String groupId) {
        this.producer = producer;
        this.topic = topic;
        this.groupId = groupId;
    }

    /**
     * Sends every dead letter and waits until Kafka acknowledged all of them. A letter too large for the dead-letter
     * topic (a record that arrived compressed and is sent on compressed, but does not fit even so) goes without its
     * value, with {@value #VALUE_OMITTED} saying so: its origin headers still find it on the event topic. Without
     * that, a record too large to park would be retried for ever and stop the stream.
     */
    public void sendAll(List<Letter> letters) {
        if (producer == null) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Letter letter : letters) {
            sent.add(producer.send(toRecord(letter.record(), letter.reason(), false)));
        }
        for (int i = 0; i < sent.size(); i++) {
            try {
                await(sent.get(i));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RecordTooLargeException)) {
                    throw new KafkaException("dead letter not acknowledged", e);
                }
                try {
                    await(producer.send(toRecord(letters.get(i).record(), letters.get(i).reason(), true)));
                } catch (ExecutionException again) {
                    throw new KafkaException("dead letter not acknowledged", again);
                }
            }
        }
    }

    private static void await(Future<RecordMetadata> future) throws ExecutionException {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while sending dead letters", e);
        } catch (TimeoutException e) {
            throw new KafkaException("dead letter not acknowledged", e);
        }
    }

    private ProducerRecord<String, byte[]> toRecord(ConsumerRecord<String, byte[]> record, String reason,
                                                    boolean withoutValue) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(REASON, utf8(reason.length() > 2000 ? reason.substring(0, 2000) : reason));
        headers.add(ORIGIN_TOPIC, utf8(record.topic()));
        headers.add(ORIGIN_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(ORIGIN_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(CONSUMER_GROUP, utf8(groupId));
        headers.add(FAILED_AT, utf8(Instant.now().toString()));
        if (withoutValue) {
            int size = record.value() == null ? 0 : record.value().length;
            headers.add(VALUE_OMITTED, utf8(size + " bytes, too large for the dead-letter topic"));
            return new ProducerRecord<>(topic, null, record.key(), null, headers);
        }
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** @param kind what is wrong, coarsely (the metric tag); {@code reason} says it precisely (the header) */
    public record Letter(ConsumerRecord<String, byte[]> record, UnreadableRecordException.Kind kind, String reason) {
    }
}
