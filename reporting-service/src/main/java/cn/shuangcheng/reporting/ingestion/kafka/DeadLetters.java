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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import cn.shuangcheng.support.kafka.RenewingProducer;

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
    public static final String HEADERS_OMITTED = "dlq.headers.omitted";
    /** An aggregate id is a UUID or a name-based one: 200 characters keep any real key whole. */
    static final int KEPT_KEY_CHARS = 200;

    /** Sends nothing: a rebuild's, whose unreadable records the live consumer has parked already. */
    public static final DeadLetters NONE = new DeadLetters(null, null, null);

    private final RenewingProducer<String, byte[]> producer;
    private final String topic;
    private final String groupId;

    public DeadLetters(RenewingProducer<String, byte[]> producer, String topic, String groupId) {
        this.producer = producer;
        this.topic = topic;
        this.groupId = groupId;
    }

    /**
     * Sends every dead letter and waits until Kafka acknowledged all of them. A letter too large for the dead-letter
     * topic (a record that arrived compressed and is sent on compressed, but does not fit even so, or that inflates
     * past the topic's max.decompressed.message.bytes) goes without its
     * value, with {@value #VALUE_OMITTED} saying so; one still too large (its key or headers are the bulk) goes with
     * the origin headers alone and a key cut to {@value #KEPT_KEY_CHARS} characters, {@value #HEADERS_OMITTED} saying
     * so. Either way its origin headers still find it on the event topic. Without that, a record too large to park
     * would be retried for ever and stop its partition.
     */
    public void sendAll(List<Letter> letters) {
        if (producer == null) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Letter letter : letters) {
            Future<RecordMetadata> attempt = producer.send(toRecord(letter, Shape.WHOLE));
            refusedAtOnce(attempt);
            sent.add(attempt);
        }
        for (int i = 0; i < sent.size(); i++) {
            Future<RecordMetadata> attempt = sent.get(i);
            for (Shape shape : Shape.values()) {
                try {
                    await(attempt);
                    break;
                } catch (ExecutionException e) {
                    if (!tooLarge(e.getCause()) || shape.smaller() == null) {
                        throw new KafkaException("dead letter not acknowledged", e);
                    }
                    attempt = producer.send(toRecord(letters.get(i), shape.smaller()));
                }
            }
        }
    }

    /**
     * A send that failed before it was sent, for a reason other than the letter's size: the topic's metadata did not
     * come within max.block.ms (the topic missing, the brokers away). Every later letter would wait as long again, and
     * k of them would outlast the consumer's max.poll.interval.ms: the group would rebalance and the worker be taken
     * for stuck, for what is an outage. The batch is retried instead.
     */
    private static void refusedAtOnce(Future<RecordMetadata> attempt) {
        if (!attempt.isDone()) {
            return;
        }
        try {
            await(attempt);
        } catch (ExecutionException e) {
            if (!tooLarge(e.getCause())) {
                throw new KafkaException("dead letter not sent", e);
            }
        }
    }

    /**
     * Refused for its size: compressed, past the topic's max.message.bytes; or decompressed, past its
     * max.decompressed.message.bytes, which the broker answers as an invalid record.
     */
    private static boolean tooLarge(Throwable refusal) {
        return refusal instanceof RecordTooLargeException || refusal instanceof InvalidRecordException;
    }

    /** How much of the original record a dead letter carries: as much as the dead-letter topic takes. */
    private enum Shape {
        WHOLE, WITHOUT_VALUE, ORIGIN_ONLY;

        Shape smaller() {
            return this == ORIGIN_ONLY ? null : values()[ordinal() + 1];
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

    private ProducerRecord<String, byte[]> toRecord(Letter letter, Shape shape) {
        ConsumerRecord<String, byte[]> record = letter.record();
        String reason = letter.reason();
        Headers headers = new RecordHeaders();
        if (shape == Shape.ORIGIN_ONLY) {
            headers.add(HEADERS_OMITTED, utf8(record.headers().toArray().length + " headers, "
                    + (record.key() == null ? 0 : record.key().length()) + " key characters: too large for the "
                    + "dead-letter topic"));
        } else {
            for (Header header : record.headers()) {
                headers.add(header);
            }
        }
        headers.add(REASON, utf8(reason.length() > 2000 ? reason.substring(0, 2000) : reason));
        headers.add(ORIGIN_TOPIC, utf8(record.topic()));
        headers.add(ORIGIN_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(ORIGIN_OFFSET, utf8(Long.toString(record.offset())));
        headers.add(CONSUMER_GROUP, utf8(groupId));
        headers.add(FAILED_AT, utf8(Instant.now().toString()));
        if (shape == Shape.WHOLE) {
            return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
        }
        int size = record.value() == null ? 0 : record.value().length;
        headers.add(VALUE_OMITTED, utf8(size + " bytes, too large for the dead-letter topic"));
        String key = shape == Shape.ORIGIN_ONLY && record.key() != null && record.key().length() > KEPT_KEY_CHARS
                ? record.key().substring(0, KEPT_KEY_CHARS) : record.key();
        return new ProducerRecord<>(topic, null, key, null, headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** @param kind what is wrong, coarsely (the metric tag); {@code reason} says it precisely (the header) */
    public record Letter(ConsumerRecord<String, byte[]> record, UnreadableRecordException.Kind kind, String reason) {
    }
}
