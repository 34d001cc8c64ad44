package cn.shuangcheng.reporting.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoException;


/**
 * The poll loop: reads a batch, sends unreadable records to the dead-letter topic, applies the rest in one
 * {@link Projector#apply} (bulk writes), and only then commits the batch's offsets. If MongoDB (or the dead-letter
 * topic) fails, nothing is committed: the consumer seeks back to the batch's first offsets, waits and tries the
 * same batch again, for as long as it takes. Infrastructure failures never become dead letters.
 */
public final class ReadModelConsumer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelConsumer.class);

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final CloudEventReader reader;
    private final DeadLetters deadLetters;
    private final Projector projector;
    private final IntSupplier generation;
    private final Duration pollTimeout;
    private final Duration retryBackoff;
    private final boolean commit;
    private final IngestMetrics metrics;
    private final RecordSpans spans;
    private volatile boolean running = true;
    private volatile boolean finished;
    private volatile long lastBatchAt = System.currentTimeMillis();
    private volatile long lastPollAt = System.currentTimeMillis();
    private BatchListener listener = (c, r) -> { };

    /**
     * @param generation  which read-model generation a batch goes to (asked for every batch)
     * @param deadLetters null: unreadable records are skipped (a rebuild: the live consumer has sent them)
     * @param commit      whether to commit offsets to the consumer group (false for a manually assigned rebuild)
     */
    public ReadModelConsumer(String name, Consumer<String, byte[]> consumer, CloudEventReader reader,
                             DeadLetters deadLetters, Projector projector, IntSupplier generation,
                             Duration pollTimeout, Duration retryBackoff, boolean commit, IngestMetrics metrics,
                             RecordSpans spans) {
        this.name = name;
        this.consumer = consumer;
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.projector = projector;
        this.generation = generation;
        this.pollTimeout = pollTimeout;
        this.retryBackoff = retryBackoff;
        this.commit = commit;
        this.metrics = metrics;
        this.spans = spans;
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
                if (!records.isEmpty()) {
                    processUntilDone(records);
                }
                metrics.afterPoll(consumer);
                listener.afterPoll(consumer, records.count());
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
     * Whether this consumer is still at work: not stopped, its loop not ended (a bug in a projection ends it), and it
     * polled within {@code stallTimeout} (a batch that MongoDB keeps failing is retried by polling again, so a
     * retrying consumer still polls; one stuck in a call does not).
     */
    public boolean isPolling(Duration stallTimeout) {
        return running && !finished && System.currentTimeMillis() - lastPollAt < stallTimeout.toMillis();
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    public long lastBatchAt() {
        return lastBatchAt;
    }

    /** Applies the batch, or on failure rewinds to its first offsets so that the next poll brings it again. */
    private void processUntilDone(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        try {
            process(records);
            lastBatchAt = System.currentTimeMillis();
        } catch (WakeupException e) {
            throw e;
        } catch (MongoException | org.apache.kafka.common.KafkaException e) {
            metrics.batchRetried();
            log.warn("Consumer {}: batch of {} records not applied ({}); retrying in {} without committing",
                    name, records.count(), e.getMessage(), retryBackoff);
            rewind(records);
            Thread.sleep(retryBackoff.toMillis());
        }
    }

    /** Each record's span ends with its batch: committed, or failed and to be read again. */
    private void process(ConsumerRecords<String, byte[]> records) {
        List<RecordSpans.RecordSpan> recordSpans = new ArrayList<>(records.count());
        records.forEach(record -> recordSpans.add(spans.start(record)));
        try {
            applyAndCommit(records);
        } catch (RuntimeException e) {
            recordSpans.forEach(span -> span.end(e));
            throw e;
        }
        recordSpans.forEach(span -> span.end(null));
    }

    private void applyAndCommit(ConsumerRecords<String, byte[]> records) {
        List<IncomingEvent> events = new ArrayList<>();
        List<DeadLetters.Letter> letters = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(reader.read(record));
            } catch (UnreadableRecordException e) {
                letters.add(new DeadLetters.Letter(record, e.kind(), e.getMessage()));
                log.warn("Consumer {}: record {}/{}@{} is a dead letter: {}", name, record.topic(),
                        record.partition(), record.offset(), e.getMessage());
            }
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        if (deadLetters != null && !letters.isEmpty()) {
            deadLetters.sendAll(letters);
        }
        Projector.Outcome outcome = projector.apply(events, generation.getAsInt());
        if (commit) {
            consumer.commitSync(offsets);
        }
        metrics.batchDone(records, outcome, letters);
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
