package cn.shuangcheng.bench;

import cn.shuangcheng.localstack.http.Api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Commands through project-service's REST API (M1, M4): each unit is one project created, put on the 2023 list and
 * given one month's investment - three commands, three events, on distinct projects. Every answer must be 2xx.
 */
final class RestLoad {

    /** What a load did: commands, seconds, latencies of each command. */
    record Outcome(int commands, double seconds, Latencies latencies) {
        double perSecond() {
            return commands / seconds;
        }
    }

    static final int COMMANDS_PER_UNIT = 3;
    private final Api writer;
    private final String runTag;
    /** Each load its own projects: keys carry the number of the load. */
    private final AtomicInteger loads = new AtomicInteger();

    RestLoad(Api writer, String runTag) {
        this.writer = writer;
        this.runTag = runTag;
    }

    /** {@code units} units from {@code threads} threads, as fast as the service answers. */
    Outcome saturate(int units, int threads) throws Exception {
        Latencies latencies = new Latencies();
        int load = loads.incrementAndGet();
        double seconds = Saturation.run(units, threads, i -> unit("sat-" + load + "-" + i, latencies));
        return new Outcome(units * COMMANDS_PER_UNIT, seconds, latencies);
    }

    /** Creates one project at a steady {@code perSecond}, answering each project's id as soon as it is created. */
    void steady(int projects, double perSecond, java.util.function.BiConsumer<String, Long> created) {
        long interval = (long) (1e9 / perSecond);
        int load = loads.incrementAndGet();
        long due = System.nanoTime();
        for (int i = 0; i < projects; i++) {
            LockSupport.parkNanos(due - System.nanoTime());
            String id = create("steady-" + load + "-" + i, new Latencies());
            created.accept(id, System.nanoTime());
            due += interval;
        }
    }

    /** One unit; answers the project's id. */
    String unit(String key, Latencies latencies) {
        String id = create(key, latencies);
        timed(latencies, () -> writer.post("/api/v1/projects/" + id + "/listings", Map.of("listYear", 2023)));
        timed(latencies, () -> writer.post("/api/v1/projects/" + id + "/investments",
                Map.of("period", "2023-03", "amountYuan", 12_000_000L)));
        return id;
    }

    private String create(String key, Latencies latencies) {
        Api.Answer created = timed(latencies, () -> writer.post("/api/v1/projects", Map.of(
                "externalRef", "BENCH-" + runTag + "-" + key, "name", "川渝合作基准项目 " + key,
                "sector", "INFRASTRUCTURE", "regions", List.of("510100", "500112"),
                "totalInvestmentYuan", 1_000_000_000L)));
        return created.body().path("id").asString();
    }

    private static Api.Answer timed(Latencies latencies, Supplier<Api.Answer> command) {
        long began = System.nanoTime();
        Api.Answer answer = command.get();
        latencies.add(System.nanoTime() - began);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("a command was refused: " + answer.describe());
        }
        return answer;
    }
}
