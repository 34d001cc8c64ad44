package cn.shuangcheng.support.concurrent;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repair run every {@code period} on a daemon thread of its own ({@link DaemonThreads}), first one period after it
 * starts, until it is closed. A run that fails (MongoDB away, say) is logged, and the next run tries again: a
 * sweep's work is still there then, so nothing is lost by waiting.
 */
public final class PeriodicSweep implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeriodicSweep.class);

    private final ScheduledExecutorService timer;

    /**
     * @param name   the thread's name, e.g. {@code abandoned-registrations}
     * @param doing  what a run does, for the log line of a failed one, e.g. {@code sweeping abandoned registrations}
     */
    public PeriodicSweep(String name, String doing, Duration period, Runnable run) {
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("the period of " + doing + " (" + period + ") must be at least 1 ms");
        }
        long every = period.toMillis();
        timer = DaemonThreads.scheduler(name);
        timer.scheduleWithFixedDelay(() -> {
            try {
                run.run();
            } catch (RuntimeException | Error e) { // an Error too: one escaping would cancel every later run, unseen
                // the class only: a sweep may read personal data (the cadre registry), which a store's error quotes
                log.warn("{} failed ({}); tried again in {}", doing, e.getClass().getSimpleName(), period);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
