package cn.shuangcheng.reporting.ingestion.application;

import cn.shuangcheng.support.outage.Backoff;
import cn.shuangcheng.support.logging.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;

/**
 * Keeps one worker running on its own thread: whenever the worker's {@code run} ends while it is still wanted (it
 * threw a RuntimeException or an Error, a StackOverflowError or an AssertionError from a projection say, or it
 * returned), a fresh worker is made and started after a backoff (doubling up to a cap), and
 * {@code shuangcheng.reporting.consumer.restarts} counts one.
 *
 * <p>The worker reports {@link #progress()} after each poll it completed; that ends a run of failures. The worker is
 * {@link #isCrashLooping() crash-looping} when {@code restartLimit} workers in a row died within
 * {@code restartWindow} without progress in between; it is still restarted, and the health details say so. No probe
 * restarts the instance for it: what kills every worker is nearly always shared by every instance (a record, a
 * read model), and restarting them in turn would cure nothing. A single death, or deaths far apart, are not one.
 */
public final class Supervisor {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    /** What the supervisor runs: a fresh one per start. */
    public interface Worker extends Runnable {
        /** Asks a running worker to end its {@code run} soon (from another thread). */
        void stop();
    }

    private final String name;
    private final Supplier<Worker> workers;
    private final Backoff backoff;
    private final int restartLimit;
    private final Duration restartWindow;
    private final Counter restarts;
    private final Clock clock;
    private final Deque<Instant> deathsInARow = new ArrayDeque<>();
    private volatile boolean running;
    private volatile Worker current;
    private volatile String lastFailure;
    private volatile long restartCount;
    private Thread thread;

    public Supervisor(String name, Supplier<Worker> workers, Duration initialBackoff, Duration maxBackoff,
                      int restartLimit, Duration restartWindow, Counter restarts, Clock clock) {
        this.name = name;
        this.workers = workers;
        this.backoff = new Backoff(initialBackoff, maxBackoff);
        this.restartLimit = Math.max(1, restartLimit);
        this.restartWindow = restartWindow;
        this.restarts = restarts;
        this.clock = clock;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::superviseUntilStopped, name);
        thread.start();
    }

    public void stop(Duration wait) {
        Thread supervising;
        synchronized (this) {
            running = false;
            notifyAll();
            supervising = thread;
        }
        Worker worker = current;
        if (worker != null) {
            worker.stop();
        }
        if (supervising != null) {
            try {
                supervising.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called by the worker when it completed a unit of work: the failures so far are over. */
    public void progress() {
        synchronized (deathsInARow) {
            if (!deathsInARow.isEmpty()) {
                deathsInARow.clear();
                backoff.reset();
            }
        }
    }

    /** True when {@code restartLimit} workers in a row died within {@code restartWindow}. */
    public boolean isCrashLooping() {
        synchronized (deathsInARow) {
            if (deathsInARow.size() < restartLimit) {
                return false;
            }
            Instant oldest = deathsInARow.peekFirst();
            return Duration.between(oldest, deathsInARow.peekLast()).compareTo(restartWindow) <= 0;
        }
    }

    public long restartCount() {
        return restartCount;
    }

    public int deathsInARow() {
        synchronized (deathsInARow) {
            return deathsInARow.size();
        }
    }

    /** Class and (sanitised, truncated) message of the last death, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    private void superviseUntilStopped() {
        while (running) {
            Throwable death = null;
            try {
                Worker worker = workers.get();
                current = worker;
                if (running) {
                    worker.run();
                }
            } catch (Throwable t) { // NOPMD: an Error too: this thread must outlive what kills a worker
                death = t;
            } finally {
                current = null;
            }
            if (!running) {
                return;
            }
            died(death);
        }
    }

    private void died(Throwable death) {
        Duration wait = backoff.next();
        lastFailure = death == null ? "the worker ended" : LogSafe.exception(death);
        synchronized (deathsInARow) {
            deathsInARow.addLast(clock.instant());
            while (deathsInARow.size() > restartLimit) {
                deathsInARow.removeFirst();
            }
        }
        restartCount++;
        restarts.increment();
        // no stack trace with the message: it may quote a record; the frames say where it happened
        log.error("{}: worker died ({}) at {}; restart {} in {}", name, lastFailure, LogSafe.frames(death, 8),
                restartCount, wait);
        synchronized (this) {
            long until = System.currentTimeMillis() + wait.toMillis();
            try {
                for (long left = wait.toMillis(); running && left > 0; left = until - System.currentTimeMillis()) {
                    wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
