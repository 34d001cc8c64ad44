package cn.shuangcheng.support.kafka;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
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
 * the producer that failed it, and the next send makes a new one and closes that one, giving it a second to deliver
 * what it holds. Under a broker outage this makes at most one producer per failed attempt, and the callers space
 * their attempts out.
 *
 * <p>Closing the old producer fails what it still holds after that second; a caller retries what was not
 * acknowledged, as it does after any failure, so a record the broker had taken but not acknowledged may be written
 * twice (the topics are at least once; reporting knows an event again by its id). Each producer's {@code kafka.producer.*} meters are bound while it serves; the counter
 * {@code shuangcheng_kafka_producer_renewals_total{producer}} counts the replacements.
 */
public final class RenewingProducer<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RenewingProducer.class);

    /** How long a replaced producer may take to deliver what it holds before the rest is failed to its callers. */
    private static final Duration RETIRE_WITHIN = Duration.ofSeconds(1);

    private final String name;
    private final Supplier<? extends Producer<K, V>> factory;
    private final MeterRegistry registry;
    private final Counter renewalCounter;
    /** The producer that failed a send; set from Kafka's I/O thread, so without the lock (see {@link #failed}). */
    private final AtomicReference<Producer<K, V>> failedOne = new AtomicReference<>();
    private volatile Serving<K, V> serving;
    private boolean closed;

    /** A producer in service and its meters. */
    private record Serving<K, V>(Producer<K, V> producer, KafkaClientMetrics metrics) {
    }

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

    /**
     * The producer in service, a new one when it failed a send. The failed one is closed after the lock is released:
     * closing fails its pending records, whose callbacks run on its I/O thread, and closing waits for that thread.
     */
    private Producer<K, V> producer() {
        Serving<K, V> retired = null;
        Serving<K, V> now;
        try {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException(name + " producer is closed");
                }
                if (serving != null && failedOne.get() == serving.producer()) {
                    retired = serving;
                    serving = null;
                    // before the new producer's meters: with the same client id, they would be the ones removed
                    closeMetrics(retired);
                    if (renewalCounter != null) {
                        renewalCounter.increment();
                    }
                }
                if (serving == null) {
                    Producer<K, V> made = factory.get();
                    KafkaClientMetrics metrics = registry == null ? null : new KafkaClientMetrics(made);
                    if (metrics != null) {
                        metrics.bindTo(registry);
                    }
                    serving = new Serving<>(made, metrics);
                }
                now = serving;
            }
        } finally {
            if (retired != null) { // closed even when making its successor failed
                retire(retired, RETIRE_WITHIN);
                failedOne.compareAndSet(retired.producer(), null);
            }
        }
        return now.producer();
    }

    /** Runs on Kafka's I/O thread too, so it takes no lock: it only marks the producer that failed. */
    private void failed(Producer<K, V> producer, Exception failure) {
        Serving<K, V> now = serving;
        if (now != null && now.producer() == producer && !isTheRecordsFault(failure)
                && failedOne.getAndSet(producer) != producer) {
            log.warn("{} producer failed a send ({}); the next send uses a new producer", name, failure.toString());
        }
    }

    static boolean isTheRecordsFault(Exception failure) {
        return failure instanceof RecordTooLargeException || failure instanceof SerializationException
                || failure instanceof InvalidRecordException;
    }

    private static void closeMetrics(Serving<?, ?> serving) {
        if (serving.metrics() != null) {
            serving.metrics().close();
        }
    }

    private void retire(Serving<K, V> retired, Duration within) {
        closeMetrics(retired); // a second close of the meters is harmless
        try {
            retired.producer().close(within);
        } catch (RuntimeException e) {
            log.warn("{} producer did not close cleanly ({})", name, e.toString());
        }
    }

    /**
     * Closes the producer in service, giving it {@code timeout} to deliver what it holds (none when it failed a
     * send: it may never deliver again).
     */
    public void close(Duration timeout) {
        Serving<K, V> last;
        synchronized (this) {
            closed = true;
            last = serving;
            serving = null;
        }
        if (last != null) {
            retire(last, failedOne.get() == last.producer() ? Duration.ZERO : timeout);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
