package cn.shuangcheng.reporting.ingest;

import cn.shuangcheng.support.outage.Backoff;
import cn.shuangcheng.support.logging.LogSafe;
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

import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.ingest.FailureClassifier.Cause;


/**
 * The poll loop: reads a batch, sends unreadable records to the dead-letter topic, applies the rest in one
 * {@link Projector#apply} (bulk writes), and only then commits the batch's offsets.
 *
 * <p><b>One bad record parks itself, not the stream.</b> A record that cannot be read, parsed or converted is a dead
 * letter before anything is applied. When applying the batch fails because of data ({@link FailureClassifier}: a
 * document over 16 MB, a write error other than a duplicate key, a codec error, a stack overflow in a fold...), the
 * batch is applied again one event at a time, in order: the event that fails again is parked with its reason
 * ({@code apply-failed}) and every other one, the later events of the same aggregate included, is applied. Before an
 * event is parked, MongoDB must answer a ping: a failure while it does not is an outage, not the event's fault.
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
    private final CloudEventReader reader;
    private final DeadLetters deadLetters;
    private final Projector projector;
    private final IntSupplier generation;
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
        this.reader = reader;
        this.deadLetters = mode.deadLetters();
        this.projector = projector;
        this.generation = generation;
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
        records.forEach(record -> recordSpans.add(spans.start(record)));
        try {
            applyAndCommit(records);
        } catch (RuntimeException | Error e) {
            recordSpans.forEach(span -> span.end(e));
            throw e;
        }
        recordSpans.forEach(span -> span.end(null));
    }

    private void applyAndCommit(ConsumerRecords<String, byte[]> records) {
        List<IncomingEvent> events = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>();
        List<DeadLetters.Letter> letters = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(reader.read(record));
                sources.add(record);
            } catch (UnreadableRecordException e) {
                letters.add(park(record, e.kind(), e.getMessage()));
            }
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        send(letters);
        Projector.Outcome outcome;
        try {
            outcome = projector.apply(events, generation.getAsInt());
        } catch (RuntimeException | Error e) {
            failUnlessData(e);
            log.warn("Consumer {}: batch of {} events not applied because of some event's data ({}); applying them "
                    + "one by one", name, events.size(), LogSafe.exception(e));
            List<DeadLetters.Letter> parked = new ArrayList<>();
            outcome = applyOneByOne(events, sources, parked);
            send(parked);
            letters.addAll(parked);
        }
        List<DeadLetters.Letter> conflicts = conflicts(outcome, events, sources);
        send(conflicts);
        letters.addAll(conflicts);
        if (commit) {
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new RetryLater(e);
            }
        }
        metrics.batchDone(records, outcome, letters);
    }

    /**
     * An event at an aggregate and sequence where another event (another id) is stored was not applied: the first one
     * stays. It is a dead letter, so that whoever reads the dead-letter topic sees both; a sequence alone is no proof
     * of authenticity (which producer may write the topic is the broker's ACLs' decision).
     */
    private List<DeadLetters.Letter> conflicts(Projector.Outcome outcome, List<IncomingEvent> events,
                                               List<ConsumerRecord<String, byte[]>> sources) {
        List<DeadLetters.Letter> letters = new ArrayList<>();
        for (IncomingEvent conflicting : outcome.conflicting()) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i) != conflicting) {
                    continue;
                }
                letters.add(park(sources.get(i), UnreadableRecordException.Kind.CONFLICTING, "another event is "
                        + "stored at aggregate " + conflicting.aggregateId() + " sequence " + conflicting.sequence()
                        + "; the stored one stays"));
            }
        }
        return letters;
    }

    /** In batch order, so that an aggregate's events behind a parked one are still applied in sequence. */
    private Projector.Outcome applyOneByOne(List<IncomingEvent> events, List<ConsumerRecord<String, byte[]>> sources,
                                            List<DeadLetters.Letter> parked) {
        List<Projector.Outcome> outcomes = new ArrayList<>();
        int gen = generation.getAsInt();
        for (int i = 0; i < events.size(); i++) {
            try {
                outcomes.add(projector.apply(List.of(events.get(i)), gen));
            } catch (RuntimeException | Error e) {
                failUnlessData(e);
                if (!projector.storeAnswers()) {
                    throw new RetryLater(e);
                }
                parked.add(park(sources.get(i), UnreadableRecordException.Kind.APPLY_FAILED,
                        "cannot be applied: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return Projector.Outcome.merge(outcomes);
    }

    /** Rethrows what is not the data's fault: infrastructure as {@link RetryLater}, a fatal error as it is. */
    private static void failUnlessData(Throwable e) {
        Cause cause = FailureClassifier.classify(e);
        if (cause == Cause.INFRASTRUCTURE) {
            throw new RetryLater(e);
        }
        if (cause == Cause.FATAL) {
            if (e instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e;
        }
    }

    private DeadLetters.Letter park(ConsumerRecord<String, byte[]> record, UnreadableRecordException.Kind kind,
                                    String reason) {
        log.warn("Consumer {}: record {}/{}@{} (key {}) is a dead letter ({}): {}", name, LogSafe.text(record.topic()),
                record.partition(), record.offset(), LogSafe.text(record.key()), kind.tag(), LogSafe.text(reason));
        return new DeadLetters.Letter(record, kind, reason);
    }

    private void send(List<DeadLetters.Letter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        try {
            deadLetters.sendAll(letters);
        } catch (RuntimeException e) {
            // not acknowledged: the records are read again and parked then, never skipped
            throw new RetryLater(e);
        }
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

    /** An infrastructure failure: the batch is read again after a backoff. */
    private static final class RetryLater extends RuntimeException {
        RetryLater(Throwable cause) {
            super(cause);
        }
    }
}
