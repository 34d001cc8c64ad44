package cn.shuangcheng.bench;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Latencies in nanoseconds, collected from many threads; answers percentiles in milliseconds. */
final class Latencies {

    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

    void add(long nanoseconds) {
        nanos.add(nanoseconds);
    }

    int count() {
        return nanos.size();
    }

    /** The p-th percentile (0 < p ≤ 100) in milliseconds, nearest-rank; 0 when nothing was measured. */
    double percentileMs(double p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        if (sorted.length == 0) {
            return 0;
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
