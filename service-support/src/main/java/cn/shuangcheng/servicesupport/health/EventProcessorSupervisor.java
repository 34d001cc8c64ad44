package cn.shuangcheng.servicesupport.health;

import cn.shuangcheng.support.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Brings back an event processor that stopped in error, and keeps what the health indicator and the metrics show
 * about each processor.
 * <p>
 * A tracking processor retries a failing batch on its own, with backoff, for as long as the failure is an
 * exception. A {@link Throwable} that is not one (an {@link Error} thrown outside the handlers, which
 * {@code ErrorContainingHandler} does not cover) ends its worker: the processor is then "paused in error" for good
 * and nothing publishes or projects any more. Every {@code interval} the supervisor starts such a processor again
 * (from its last stored token: nothing is lost). A processor that is found in error again at {@code maxRestarts}
 * checks in a row, without having been seen running in between, is {@link #isCrashLooping crash-looping}: the
 * {@code eventProcessors} health indicator turns DOWN (in the health details and the overall status, for monitoring),
 * and it is started again further apart, after 1, 2, 4 ... up to {@value #MAX_LOOPING_CHECKS} checks (about 5 min at
 * the default interval), for as long as it stays in error. It is not in the liveness group: what stops a processor
 * for good is nearly always an input every instance shares (an event or a stored token that cannot be read), and a
 * liveness probe that restarted the instance for it would restart every instance in turn, the write API with them,
 * without curing anything.
 * <p>
 * Processors that were never started or were shut down on purpose are left alone. Each check also counts the
 * processor's parked events, so that neither health nor a metrics scrape queries MongoDB themselves.
 * <p>
 * Meters: {@code shuangcheng.event-processors.restarts{processor}} (counter) and
 * {@code shuangcheng.event-processors.dead-letters{processor}} (gauge, as of the last check; -1 when unknown) and
 * {@code shuangcheng.event-processors.crash-looping{processor}} (gauge, 1 while crash-looping).
 */
public final class EventProcessorSupervisor implements AutoCloseable {

    public static final String RESTARTS = "shuangcheng.event-processors.restarts";
    public static final String DEAD_LETTERS = "shuangcheng.event-processors.dead-letters";
    public static final String CRASH_LOOPING = "shuangcheng.event-processors.crash-looping";

    private static final Logger log = LoggerFactory.getLogger(EventProcessorSupervisor.class);
    private static final Duration FIRST_CHECK = Duration.ofSeconds(2);
    /** Checks between two restarts of a crash-looping processor, at the most. */
    static final int MAX_LOOPING_CHECKS = 32;

    private final Supplier<EventProcessingConfiguration> processing;
    private final int maxRestarts;
    private final MeterRegistry registry;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /**
     * @param processing  Axon's processors, once built (null before)
     * @param maxRestarts restarts in a row after which a processor counts as lost
     * @param registry    for the meters; null for none
     */
    public EventProcessorSupervisor(Supplier<EventProcessingConfiguration> processing, int maxRestarts,
                                    MeterRegistry registry) {
        if (maxRestarts < 1) {
            throw new IllegalArgumentException("maxRestarts must be at least 1");
        }
        this.processing = processing;
        this.maxRestarts = maxRestarts;
        this.registry = registry;
        this.timer = DaemonThreads.scheduler("event-processor-supervisor");
    }

    /**
     * Checks every {@code interval} from now on, until {@link #close()}. The first check comes after a second or
     * two, so that the meters exist soon after start.
     */
    public EventProcessorSupervisor every(Duration interval) {
        long first = Math.min(interval.toMillis(), FIRST_CHECK.toMillis());
        timer.scheduleWithFixedDelay(this::checkSafely, first, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException | Error e) {
            // an Error too (a processor's start cannot create its thread): one escaping would cancel every later run
            // of the scheduled task, unseen, and a processor in error would never be restarted again
            log.warn("Event processor supervision failed this time: {}", e.toString());
        }
    }

    /** One round: restarts processors in error, refreshes the counts. */
    public void check() {
        EventProcessingConfiguration configuration = processing.get();
        if (configuration == null) {
            return;
        }
        configuration.eventProcessors().forEach((name, processor) -> {
            Watch watch = watches.computeIfAbsent(name, this::watch);
            supervise(name, processor, watch);
            watch.deadLetters = countDeadLetters(configuration.deadLetterQueue(name));
        });
    }

    private void supervise(String name, EventProcessor processor, Watch watch) {
        if (processor.isRunning()) {
            watch.restartsInARow = 0;
            return;
        }
        if (!processor.isError()) {
            return; // not started yet, or shut down on purpose
        }
        watch.restartsInARow++;
        int loopingFor = watch.restartsInARow - maxRestarts;
        if (loopingFor > 0) {
            if (!isDueWhileCrashLooping(loopingFor)) {
                return;
            }
            log.error("Event processor {} is still in error after {} checks in a row (health eventProcessors is "
                    + "DOWN); starting it again from its last token", name, watch.restartsInARow);
        } else {
            log.warn("Event processor {} stopped in error; starting it again from its last token (restart {} of {} "
                    + "in a row before it counts as crash-looping)", name, watch.restartsInARow, maxRestarts);
        }
        try {
            processor.start();
            watch.restarted();
        } catch (RuntimeException e) {
            log.warn("Could not start event processor {} again: {}", name, e.toString());
        }
    }

    /** After 1, 2, 4, 8, 16 and 32 checks crash-looping, then every 32. */
    static boolean isDueWhileCrashLooping(int loopingFor) {
        return loopingFor % MAX_LOOPING_CHECKS == 0
                || (loopingFor < MAX_LOOPING_CHECKS && Integer.bitCount(loopingFor) == 1);
    }

    private static long countDeadLetters(Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue) {
        try {
            return queue.map(SequencedDeadLetterQueue::size).orElse(0L);
        } catch (RuntimeException e) {
            return -1; // MongoDB unavailable: unknown, the health detail says so
        }
    }

    /**
     * True when the processor was restarted {@code maxRestarts} times in a row and is in error again; it is still
     * started again, further apart, until it runs.
     */
    public boolean isCrashLooping(String processor) {
        Watch watch = watches.get(processor);
        return watch != null && watch.restartsInARow > maxRestarts;
    }

    public long restarts(String processor) {
        Watch watch = watches.get(processor);
        return watch == null ? 0 : watch.restarts.get();
    }

    /** Parked events of the processor as of the last check; -1 when MongoDB did not answer, 0 before any check. */
    public long deadLetters(String processor) {
        Watch watch = watches.get(processor);
        return watch == null ? 0 : watch.deadLetters;
    }

    private Watch watch(String processor) {
        Watch watch = new Watch(registry == null ? null : Counter.builder(RESTARTS).tag("processor", processor)
                .description("restarts of an event processor that had stopped in error").register(registry));
        if (registry != null) {
            Gauge.builder(DEAD_LETTERS, watch, w -> w.deadLetters).tag("processor", processor)
                 .description("events parked in the dead-letter store, as of the last supervision check")
                 .register(registry);
            Gauge.builder(CRASH_LOOPING, this, supervisor -> supervisor.isCrashLooping(processor) ? 1 : 0)
                 .tag("processor", processor)
                 .description("1 while the processor is in error after every restart in a row (still restarted)")
                 .register(registry);
        }
        return watch;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static final class Watch {
        private final Counter counter;
        private final AtomicLong restarts = new AtomicLong();
        private volatile int restartsInARow;
        private volatile long deadLetters;

        Watch(Counter counter) {
            this.counter = counter;
        }

        void restarted() {
            restarts.incrementAndGet();
            if (counter != null) {
                counter.increment();
            }
        }
    }
}
