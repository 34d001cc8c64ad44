package cn.shuangcheng.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes (the harness' only way of waiting). */
final class Waiting {

    private Waiting() {
    }

    static void until(String what, Duration deadline, Duration poll, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("gave up after " + deadline + " waiting for " + what);
            }
            LockSupport.parkNanos(poll.toNanos());
        }
    }
}
