package cn.shuangcheng.reporting.ingestion.kafka;

import cn.shuangcheng.reporting.ingestion.mongo.Projector;
import cn.shuangcheng.support.outage.Backoff;
import cn.shuangcheng.support.logging.LogSafe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.shuangcheng.reporting.ReportingProperties;

/**
 * The poll loop: reads a batch, sends unreadable records to the dead-letter topic, applies the rest in one
 * {@link Projector#apply} (bulk writes), and only then commits the batch's offsets.
 *
 * <p><b>One bad record parks itself, not the stream.</b> A record that cannot be read, parsed or converted is a dead
 * letter before anything is applied. When applying the batch fails because of data ({@link FailureClassifier}: a
 * document over 16 MB, a write error other than a duplicate key, a codec error, a stack overflow in a fold...), the
 * batch is applied again one event at a time, in order: the event that fails again is parked with its reason
 * ({@code apply-failed}) and every other one, the later events of the same aggregate included, is applied. Before an
 * event is parked, MongoDB must take a small write: a failure while it does not is an outage, not the event's fault.
 *
 * <p><b>Infrastructure failures are retried.</b> If MongoDB or Kafka fails (the dead-letter topic, the commit),
 * nothing is committed: the consumer seeks back to the batch's first offsets, waits (exponential backoff from
 * {@code retryBackoff} up to {@code maxRetryBackoff}) and tries the same batch again, for as long as it takes.
 * Infrastructure failures never become dead letters. A dead letter may be sent twice when the batch it was in is
 * retried (at-least-once on the dead-letter topic too); an applied event applied again is a duplicate and changes
 * nothing.
 *
 * <p>Any other {@link Error} ends {@link #run()}; the supervisor ({@link LiveIngest}) starts a new consumer, which
 * resumes from the committed offsets.
 */
public final class ReadModelConsumer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelConsumer.class);

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final RecordBatchApplier batches;
    private final Duration pollTimeout;
    private final Backoff retries;
    private final boolean commit;
    private final IngestMetrics metrics;
    private final RecordSpans spans;
    private volatile boolean running = true;
    private volatile boolean finished;
    private volatile long lastBatchAt = System.currentTimeMillis();
    private volatile long lastPollAt = System.currentTimeMillis();
    private BatchListener listener = (c, r) -> { };

    /**
     * @param mode       live or rebuild: whether offsets are committed, where dead letters go, metrics and spans
     * @param generation which read-model generation a batch goes to (asked for every batch)
     * @param properties the poll timeout and the retry backoff
     */
    public ReadModelConsumer(ConsumerMode mode, Consumer<String, byte[]> consumer, CloudEventReader reader,
                             Projector projector, IntSupplier generation, ReportingProperties properties) {
        this.name = mode.name();
        this.consumer = consumer;
        this.batches = new RecordBatchApplier(name, reader, mode.deadLetters(), projector, generation);
        this.pollTimeout = properties.pollTimeout();
        this.retries = new Backoff(properties.retryBackoff(), properties.maxRetryBackoff());
        this.commit = mode.commitsOffsets();
        this.metrics = mode.metrics();
        this.spans = mode.spans();
    }

    /** Called on the consumer's thread after every poll (also an empty one), after the batch was applied. */
    public interface BatchListener {
        void afterPoll(Consumer<String, byte[]> consumer, int records);
    }

    public void onBatch(BatchListener listener) {
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
                lastPollAt = System.currentTimeMillis();
                boolean done = records.isEmpty() || processUntilDone(records);
                metrics.afterPoll(consumer); // the lag, from Kafka: also (above all) while MongoDB fails
                if (done) {
                    listener.afterPoll(consumer, records.count()); // a batch to be read again is not progress
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished = true;
            consumer.close(Duration.ofSeconds(5));
            log.info("Consumer {} stopped", name);
        }
    }

    /**
     * Whether this consumer is still at work: not stopped, its loop not ended, and it polled within
     * {@code stallTimeout} (a batch that MongoDB keeps failing is retried by polling again, so a retrying consumer
     * still polls; one stuck in a call does not).
     */
    public boolean isPolling(Duration stallTimeout) {
        return running && !finished && System.currentTimeMillis() - lastPollAt < stallTimeout.toMillis();
    }

    /**
     * Whether the loop is still on but has not come back to poll for {@code limit}: stuck in a call that does not
     * return (a batch that fails is retried by polling again, so an outage does not make a consumer stuck).
     */
    public boolean isStuck(Duration limit) {
        return running && !finished && System.currentTimeMillis() - lastPollAt > limit.toMillis();
    }

    public void stop() {
        running = false;
        consumer.wakeup();
        synchronized (this) {
            notifyAll(); // ends a backoff wait
        }
    }

    public long lastBatchAt() {
        return lastBatchAt;
    }

    /**
     * Applies the batch, or on an infrastructure failure rewinds to its first offsets so that the next poll brings it
     * again. @return whether the batch was applied and committed
     */
    private boolean processUntilDone(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        try {
            process(records);
            lastBatchAt = System.currentTimeMillis();
            retries.reset();
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (RetryLater e) {
            metrics.batchRetried();
            Duration wait = retries.next();
            log.warn("Consumer {}: batch of {} records not applied ({}); retrying in {} without committing",
                    name, records.count(), LogSafe.exception(e.getCause()), wait);
            rewind(records);
            pause(wait);
            return false;
        }
    }

    private synchronized void pause(Duration wait) throws InterruptedException {
        long until = System.currentTimeMillis() + wait.toMillis();
        for (long left = wait.toMillis(); running && left > 0; left = until - System.currentTimeMillis()) {
            wait(left);
        }
    }

    /** Each record's span ends with its batch: committed, or failed and to be read again. */
    private void process(ConsumerRecords<String, byte[]> records) {
        List<RecordSpans.RecordSpan> recordSpans = new ArrayList<>(records.count());
        records.forEach(record -> recordSpans.add(spanOf(record)));
        try {
            applyAndCommit(records);
        } catch (RuntimeException | Error e) {
            recordSpans.forEach(span -> span.end(e));
            throw e;
        }
        recordSpans.forEach(span -> span.end(null));
    }

    /** A record's span; tracing that fails on what a writer put in the headers must not stop the batch. */
    private RecordSpans.RecordSpan spanOf(ConsumerRecord<String, byte[]> record) {
        try {
            return spans.start(record);
        } catch (RuntimeException e) {
            log.warn("Consumer {}: no span for {}-{}@{} ({})", name, record.topic(), record.partition(),
                    record.offset(), LogSafe.exception(e));
            return RecordSpans.NONE.start(record);
        }
    }

    private void applyAndCommit(ConsumerRecords<String, byte[]> records) {
        RecordBatchApplier.Applied applied = batches.apply(records);
        if (commit) {
            try {
                consumer.commitSync(applied.offsets());
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new RetryLater(e);
            }
        }
        metrics.batchDone(records, applied.outcome(), applied.letters());
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        Set<TopicPartition> partitions = records.partitions();
        for (TopicPartition partition : partitions) {
            List<ConsumerRecord<String, byte[]>> ofPartition = records.records(partition);
            if (!ofPartition.isEmpty() && consumer.assignment().contains(partition)) {
                consumer.seek(partition, ofPartition.get(0).offset());
            }
        }
    }
}
