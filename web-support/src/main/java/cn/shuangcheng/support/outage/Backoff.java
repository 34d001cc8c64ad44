package cn.shuangcheng.support.outage;

import java.time.Duration;

/**
 * Exponential backoff, doubling from {@code initial} up to {@code max}, for whatever waits out an outage: either
 * counted by the caller ({@link #afterFailures}) or kept here ({@link #next()}, {@link #reset()} after a success).
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
        this.next = initial;
    }

    /** The wait after {@code failures} failures in a row: {@code initial} after none, then doubling, capped. */
    public Duration afterFailures(int failures) {
        long millis = initial.toMillis() << Math.min(Math.max(failures, 0), 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** The wait before the next attempt; each call doubles the one after, up to the cap. */
    public synchronized Duration next() {
        Duration current = next;
        Duration doubled = current.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    public synchronized void reset() {
        next = initial;
    }
}
