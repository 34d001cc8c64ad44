package cn.shuangcheng.bench;

import cn.shuangcheng.localstack.http.Api;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

/** A rebuild of reporting-service's read models from both topics (M3, M5), awaited until it switched. */
final class Rebuilds {

    private final Api admin;

    Rebuilds(Api admin) {
        this.admin = admin;
    }

    /** Starts a rebuild and answers its duration in seconds once it is COMPLETED. */
    double run() {
        long start = System.nanoTime();
        Api.Answer started = admin.post("/api/v1/admin/rebuilds", Map.of());
        if (!started.is(202)) {
            throw new IllegalStateException("the rebuild did not start: " + started.describe());
        }
        String status = "/api/v1/admin/rebuilds/" + started.body().path("id").asInt();
        JsonNode[] last = new JsonNode[1];
        Waiting.until("the rebuild to complete", Duration.ofMinutes(30), Duration.ofMillis(100), () -> {
            last[0] = admin.get(status).body();
            String state = last[0].path("state").asString();
            if ("FAILED".equals(state)) {
                throw new IllegalStateException("the rebuild failed: " + last[0]);
            }
            return "COMPLETED".equals(state);
        });
        return (System.nanoTime() - start) / 1e9;
    }
}
