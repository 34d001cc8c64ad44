package cn.shuangcheng.projects.intake.kafka;

import cn.shuangcheng.projects.intake.application.IntakeProcessor;
import cn.shuangcheng.projects.intake.application.InfrastructureUnavailableException;
import cn.shuangcheng.projects.intake.application.IntakeMetrics;
import cn.shuangcheng.projects.intake.application.IntakeRowBinder;
import cn.shuangcheng.projects.intake.application.IntakeProperties;
import cn.shuangcheng.support.outage.Backoff;
import cn.shuangcheng.support.kafka.RenewingProducer;
import cn.shuangcheng.support.logging.LogSafe;
import cn.shuangcheng.support.kafka.KafkaConnectionProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Kafka intake path: intake systems that publish instead of calling put one item per record on
 * {@code shuangcheng.intake.submissions.v1} (value: the item's JSON, key: its externalRef). Each record goes
 * through the same {@link IntakeProcessor} as a REST row; a rejected one is published, with its reasons, on
 * {@code shuangcheng.intake.rejections.v1}. Offsets are committed after a poll's records were applied and their
 * rejections acknowledged; a record applied twice (after a crash or a lost commit) changes nothing.
 * <p>
 * How it survives:
 * <ul>
 *   <li>A record that cannot be read, bound or applied ({@link RuntimeException} of the record's own making) is
 *       a rejection, published with the reason; the listener goes on with the next record.</li>
 *   <li>When MongoDB or Kafka fails around a record ({@link InfrastructureFailure}), the partition is rewound to
 *       that record and read again after a backoff that doubles up to {@code retryMaxBackoff}: nothing is lost
 *       and the record behind it waits its turn. A commit refused after a rebalance only means some records are
 *       read again.</li>
 *   <li>A supervisor thread runs the loop and starts it again, with fresh clients, whenever it dies, even of an
 *       {@link Error}, counting the restarts ({@link IntakeMetrics#LISTENER_RESTARTS}). When
 *       {@code maxConsecutiveRestarts} runs in a row die before handling a single record (and within ten times the
 *       longest backoff), the listener is {@link State#CRASH_LOOPING}: {@link #isHealthy()} turns false and health
 *       {@code intakeTopic} DOWN, for monitoring, and it is still started again every {@code retryMaxBackoff}
 *       until a run handles a record. It is in no probe group: what kills every run is nearly always shared by
 *       every instance (a record, the broker's settings), and restarting instances for it would take the write
 *       API down in turn without curing anything.</li>
 * </ul>
 * The principal of every record is the one configured for the topic (docs/api-guide.md, "Over Kafka": never a value
 * taken from the record).
 */
public class IntakeTopicListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeTopicListener.class);
    private static final Duration POLL = Duration.ofMillis(500);
    static final String CRASH_LOOPING = "shuangcheng.intake.listener.crash-looping";

    /** What the listener is doing, for its health details. */
    public enum State { NOT_STARTED, STARTING, READING, RETRYING, RESTARTING, CRASH_LOOPING, CLOSED }

    private final IntakeProperties properties;
    private final IntakeKafkaClients clients;
    private final IntakeRecordHandler records;
    private final IntakeMetrics metrics;
    private final MeterRegistry registry;
    private final Thread supervisor;
    private final Backoff backoff;
    /** A life this long counts as a recovery even without a record: the topic may simply have been quiet. */
    private final Duration healthyRun;
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicReference<State> state = new AtomicReference<>(State.NOT_STARTED);
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private volatile boolean running = true;
    /**
     * Whether the current life of the loop handled a record: a loop that dies again and again before it does, each
     * time within {@link #healthyRun}, cannot be brought back.
     */
    private volatile boolean madeProgress;
    /** Whether the runs before the current one died {@code maxConsecutiveRestarts} times in a row. */
    private volatile boolean crashLooping;
    private volatile long runStarted;
    private volatile KafkaConsumer<String, String> consumer;

    public IntakeTopicListener(IntakeProperties properties, KafkaConnectionProperties connection, IntakeProcessor processor,
                        IntakeRowBinder binder, JsonMapper json, IntakeMetrics metrics, MeterRegistry registry) {
        this.properties = properties;
        this.clients = new IntakeKafkaClients(properties, connection);
        this.records = new IntakeRecordHandler(properties, processor, binder, json, metrics,
                clients.sendWithinAfterPoll());
        this.metrics = metrics;
        this.registry = registry;
        this.backoff = new Backoff(properties.retryBackoff(), properties.retryMaxBackoff());
        this.healthyRun = properties.retryMaxBackoff().multipliedBy(10);
        this.supervisor = new Thread(this::supervise, "intake-topic");
        this.supervisor.setDaemon(true);
        Gauge.builder(CRASH_LOOPING, this, listener -> listener.isCrashLooping() ? 1 : 0)
             .description("1 while the intake topic listener dies again and again (still restarted)")
             .register(registry);
    }

    public void start() {
        supervisor.start();
    }

    /** False while the listener is crash-looping (or if its supervisor ended while not closed). */
    public boolean isHealthy() {
        State now = state.get();
        return now == State.NOT_STARTED || now == State.CLOSED || (!isCrashLooping() && supervisor.isAlive());
    }

    /** Crash-looping, until a run handles a record or lives as long as a healthy run. */
    public boolean isCrashLooping() {
        return crashLooping && !madeProgress && System.nanoTime() - runStarted < healthyRun.toNanos();
    }

    public State state() {
        return state.get();
    }

    public int restarts() {
        return restarts.get();
    }

    public String lastFailure() {
        return lastFailure.get();
    }

    /**
     * Test seam: {@code interception} runs before each of the next {@code records} records is handled, to fail in
     * their place (by throwing) or to stall the listener.
     */
    public void interceptNextRecords(Runnable interception, int records) {
        this.records.interceptNextRecords(interception, records);
    }

    private void supervise() {
        int consecutive = 0;
        while (running) {
            madeProgress = false;
            long started = System.nanoTime();
            runStarted = started;
            try {
                runOnce();
            } catch (Throwable e) {
                if (!running) {
                    break;
                }
                lastFailure.set(Instant.now() + " " + LogSafe.text(e));
                log.error("the intake topic listener's loop died ({}); it is started again", LogSafe.text(e));
            }
            if (!running) {
                break;
            }
            boolean recovered = madeProgress
                    || Duration.ofNanos(System.nanoTime() - started).compareTo(healthyRun) >= 0;
            consecutive = recovered ? 1 : consecutive + 1;
            crashLooping = consecutive > properties.maxConsecutiveRestarts();
            if (crashLooping) {
                log.error("the intake topic listener died {} times in a row without handling a record; health "
                        + "intakeTopic is DOWN, and it is started again every {}", consecutive,
                        properties.retryMaxBackoff());
            }
            restarts.incrementAndGet();
            metrics.listenerRestarted();
            state.set(crashLooping ? State.CRASH_LOOPING : State.RESTARTING);
            if (!pause(backoff.afterFailures(consecutive - 1))) {
                break;
            }
        }
        state.set(State.CLOSED);
    }

    /** One life of the loop with fresh clients; {@link #madeProgress} tells whether it got anywhere. */
    private void runOnce() {
        state.set(State.STARTING);
        ensureTopics();
        try (KafkaConsumer<String, String> reading = clients.consumer();
             // replaced after a failed send: one that failed authentication once would never publish again
             RenewingProducer<String, String> rejections =
                     new RenewingProducer<>("intake-rejections", clients::rejectionsProducer, registry);
             KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(reading)) {
            consumerMetrics.bindTo(registry);
            consumer = reading;
            if (!running) {
                return;
            }
            reading.subscribe(List.of(properties.submissionsTopic()));
            int failures = 0;
            while (running) {
                ConsumerRecords<String, String> records;
                try {
                    records = reading.poll(POLL);
                } catch (RetriableException e) {
                    failures = retryLater(e, failures);
                    continue;
                }
                IntakeRecordHandler.PollOutcome outcome = this.records.handle(reading, rejections, records);
                madeProgress |= outcome.handledAny();
                if (outcome.mustWait()) {
                    failures = retryLater(null, failures);
                } else {
                    failures = 0;
                    state.set(State.READING);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer = null;
        }
    }

    private int retryLater(Exception cause, int failures) {
        state.set(State.RETRYING);
        metrics.recordRetried();
        if (cause != null) {
            log.warn("the intake topic cannot be read ({}); trying again", cause.toString());
        }
        pause(backoff.afterFailures(failures));
        return failures + 1;
    }

    /** Sleeps unless closed meanwhile; false when closed. */
    private boolean pause(Duration duration) {
        synchronized (this) {
            if (running) {
                try {
                    wait(Math.max(1, duration.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return running;
        }
    }

    /** Creates the two topics if missing; while Kafka does not answer, waits and asks again (not a restart). */
    private void ensureTopics() {
        int failures = 0;
        while (running) {
            try {
                clients.createTopics();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (TimeoutException | KafkaException e) {
                state.set(State.RETRYING);
                log.warn("Kafka at {} did not create the intake topics ({}); trying again",
                        clients.bootstrapServers(), e.toString());
                pause(backoff.afterFailures(failures++));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        KafkaConsumer<String, String> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        supervisor.join(TimeUnit.SECONDS.toMillis(30));
        state.set(State.CLOSED);
    }
}
