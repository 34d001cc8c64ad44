package cn.shuangcheng.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code count} numbered units of work spread over {@code threads} threads, each thread taking the next number as soon
 * as it is done, as fast as whatever they call answers: the one load shape behind a throughput and its limit.
 */
final class Saturation {

    /** One unit; its number runs from 0 to count - 1. */
    interface Unit {
        void run(int number) throws Exception;
    }

    private Saturation() {
    }

    /** @return the seconds from the first unit's start to the last one's end */
    static double run(int count, int threads, Unit unit) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        unit.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
