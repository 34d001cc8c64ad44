package cn.shuangcheng.bench;

import java.util.List;

/**
 * How big a run is. The full run writes two rounds of events through REST (10k, then 100k more, for S), the quick run
 * a tenth of that, the smoke run (CI) just enough for every metric to be produced. 1M events through REST would take
 * hours on the 2-core machine, beyond the full run's 30 minutes: S compares the largest round with the smallest.
 */
record Sizes(String name, List<Integer> roundEvents, int concurrency, int steadyProjects, int readsIdle,
             int kafkaLatencyRecords) {

    static Sizes of(String name) {
        return switch (name) {
            case "full" -> new Sizes(name, List.of(10_000, 100_000), 8, 300, 200, 2_000);
            case "quick" -> new Sizes(name, List.of(1_000, 10_000), 8, 100, 100, 500);
            case "smoke" -> new Sizes(name, List.of(150, 600), 4, 10, 20, 50);
            default -> throw new IllegalArgumentException("no size " + name + " (full, quick or smoke)");
        };
    }

    int smallest() {
        return roundEvents.get(0);
    }

    int largest() {
        return roundEvents.get(roundEvents.size() - 1);
    }
}
