package cn.shuangcheng.bench;

import java.util.List;

/**
 * How big a run is. REST writes run at 60 to 160 commands/s on the shared 2-core machine (2026-12), so the store and
 * the backlogs are grown by seeding ({@link StoreSeeder}) rather than through REST: two REST rounds of
 * {@code restEvents} each (M1, and S for M1: the first on a store of about that size, the second after every backlog
 * was seeded), and standing backlogs of {@code backlogs} events for the publication (M2, S for M2).
 * <p>
 * The full run's largest backlog is 100k, not the 1M the issue names for S and M5: every seeded event is also
 * published, applied by reporting-service and replayed by the rebuild, at about 1,000 to 1,400 events/s each on this
 * machine at 100k (2026-12-04, a full run of 18 minutes), so 1M would take well over the 30 minutes (bench/README.md,
 * "Why not 1M").
 */
record Sizes(String name, int restEvents, List<Integer> backlogs, int concurrency, int steadyProjects, int readsIdle,
             int kafkaLatencyRecords) {

    static Sizes of(String name) {
        return switch (name) {
            case "full" -> new Sizes(name, 10_000, List.of(10_000, 100_000), 8, 300, 200, 2_000);
            case "quick" -> new Sizes(name, 1_000, List.of(1_000, 10_000), 8, 100, 100, 500);
            case "smoke" -> new Sizes(name, 150, List.of(150, 600), 4, 10, 20, 50);
            default -> throw new IllegalArgumentException("no size " + name + " (full, quick or smoke)");
        };
    }
}
