package cn.shuangcheng.bench;

import java.util.List;

/**
 * How big a run is. The full run writes two rounds of events through REST (10k, then 50k more, for S), the quick run
 * 1k and 10k, the smoke run (CI) just enough for every metric to be produced. REST writes run at about 60 commands/s
 * on the shared 2-core machine (2026-12): 100k events would take 30 minutes by themselves and 1M hours, beyond the
 * full run's 30 minutes, so S compares the largest round with the smallest.
 */
record Sizes(String name, List<Integer> roundEvents, int concurrency, int steadyProjects, int readsIdle,
             int kafkaLatencyRecords) {

    static Sizes of(String name) {
        return switch (name) {
            case "full" -> new Sizes(name, List.of(10_000, 50_000), 8, 300, 200, 2_000);
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
