package cn.shuangcheng.support.kafka;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * A Kafka producer that is replaced after it failed a send, for the long-lived producers of a service (publication,
 * dead letters).
 *
 * <p>Why: an idempotent {@code KafkaProducer} whose first connection fails authentication (the service started before
 * its SCRAM credential existed, or during a rotation) enters a fatal state it never leaves. Its next send fails with
 * the authentication error, every later one waits out {@code delivery.timeout.ms}, for ever, though the credential is
 * there by then; measured on the SASL test broker with kafka-clients 4.2. Kafka's advice for a fatal error is to close
 * the producer. So a send that fails for any reason but its own record's (too large, not serializable, invalid) marks
 * the producer that failed it, and the next send closes that one and makes a new one. Under a broker outage this
 * makes at most one producer per failed attempt, and the callers space their attempts out.
 *
 * <p>Closing the old producer fails what it still holds; a caller retries what was not acknowledged, as it does after
 * any failure. Each producer's {@code kafka.producer.*} meters are bound while it serves; the counter
 * {@code shuangcheng_kafka_producer_renewals_total{producer}} counts the replacements.
 */
public final class RenewingProducer<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RenewingProducer.class);

    private final String name;
    private final Supplier<? extends Producer<K, V>> factory;
    private final MeterRegistry registry;
    private Producer<K, V> current;
    private KafkaClientMetrics currentMetrics;
    private boolean currentFailed;
    private boolean closed;
    private final Counter renewalCounter;

    /**
     * @param name     what the producer is for, in the log
     * @param factory  makes a producer: one now (so its settings are checked and its meters shown at start), and
     *                 one at the send after a failed one
     * @param registry where each producer's client metrics go, or null for none
     */
    public RenewingProducer(String name, Supplier<? extends Producer<K, V>> factory, MeterRegistry registry) {
        this.name = name;
        this.factory = factory;
        this.registry = registry;
        // a Counter, not a function of this object: a listener that makes one per life keeps one count
        this.renewalCounter = registry == null ? null : Counter.builder("shuangcheng.kafka.producer.renewals")
                .description("Producers replaced after a failed send").tag("producer", name).register(registry);
        producer();
    }

    public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    /** As {@link Producer#send(ProducerRecord, Callback)}; a failure other than the record's renews the producer. */
    public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        Producer<K, V> producer = producer();
        try {
            return producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    failed(producer, failure);
                }
                if (callback != null) {
                    callback.onCompletion(metadata, failure);
                }
            });
        } catch (RuntimeException e) {
            failed(producer, e);
            throw e;
        }
    }

    private synchronized Producer<K, V> producer() {
        if (closed) {
            throw new IllegalStateException(name + " producer is closed");
        }
        if (current != null && currentFailed) {
            retire();
            if (renewalCounter != null) {
                renewalCounter.increment();
            }
        }
        if (current == null) {
            current = factory.get();
            currentFailed = false;
            if (registry != null) {
                currentMetrics = new KafkaClientMetrics(current);
                currentMetrics.bindTo(registry);
            }
        }
        return current;
    }

    /** Called from the producer's I/O thread too: only marks, the next send (a caller's thread) closes. */
    private synchronized void failed(Producer<K, V> producer, Exception failure) {
        if (producer == current && !currentFailed && !isTheRecordsFault(failure)) {
            currentFailed = true;
            log.warn("{} producer failed a send ({}); the next send uses a new producer", name, failure.toString());
        }
    }

    static boolean isTheRecordsFault(Exception failure) {
        return failure instanceof RecordTooLargeException || failure instanceof SerializationException
                || failure instanceof InvalidRecordException;
    }

    private void retire() {
        if (currentMetrics != null) {
            currentMetrics.close();
            currentMetrics = null;
        }
        try {
            current.close(Duration.ZERO);
        } catch (RuntimeException e) {
            log.warn("{} producer did not close cleanly ({})", name, e.toString());
        }
        current = null;
    }

    /** Closes the producer in service, giving it {@code timeout} to deliver what it holds. */
    public synchronized void close(Duration timeout) {
        closed = true;
        if (current != null) {
            if (currentMetrics != null) {
                currentMetrics.close();
                currentMetrics = null;
            }
            current.close(timeout);
            current = null;
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
