package cn.shuangcheng.reporting.ingest;

import java.time.Duration;

/** Exponential backoff, doubling from {@code initial} up to {@code max}; {@link #reset()} after a success. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
        this.next = initial;
    }

    /** The wait before the next attempt; each call doubles the one after, up to the cap. */
    synchronized Duration next() {
        Duration current = next;
        Duration doubled = current.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    synchronized void reset() {
        next = initial;
    }
}
