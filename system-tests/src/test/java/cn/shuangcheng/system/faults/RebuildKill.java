package cn.shuangcheng.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import cn.shuangcheng.system.hostile.Http;

/**
 * With two reporting instances, a rebuild started on instance a is killed with it (SIGKILL) in the middle, while the
 * streams go on. Instance b is asked to rebuild as an operator would: 409 while a's heartbeat is fresh, then (after
 * the heartbeat timeout the suite sets short) it claims the next generation, which must complete and become active;
 * a's rebuild must end FAILED. The scenario's reconciliation, and every later one, then read the rebuilt generation:
 * it must equal what was sent, exactly.
 */
final class RebuildKill {

    private static final Duration TAKEOVER = Duration.ofMinutes(2);
    private static final Duration COMPLETE = Duration.ofMinutes(5);

    private final FaultStack stack;

    RebuildKill(FaultStack stack) {
        this.stack = stack;
    }

    void inject(Running s) {
        s.awaitProgress(0.5);
        URI first = stack.reportingServices.get(0).api("/");
        Http.Answer started = Http.send("POST", first.resolve("/api/v1/admin/rebuilds"), Tokens.admin(), null, null);
        assertThat(started.status()).as("rebuild start: " + started.body()).isEqualTo(202);
        int killed = Json.read(started.body()).path("id").asInt();
        JsonNode[] seen = {null};
        // in the middle: it has applied at least one batch (a heartbeat with its lag) and has not caught up
        s.awaitUntil("rebuild " + killed + " under way", () -> {
            seen[0] = status(first, killed);
            assertThat(seen[0].path("state").asText()).as("rebuild " + killed + " finished before the kill: "
                    + seen[0]).isEqualTo("RUNNING");
            return seen[0].path("lag").asLong() > 0;
        });
        long killedAt = System.nanoTime();
        stack.kill(stack.reportingServices, 0);
        URI second = stack.reportingServices.get(1).api("/");
        int[] taken = {0};
        int[] refused = {0};
        await("reporting-service-b taking the rebuild over").atMost(TAKEOVER).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Http.Answer answer = Http.send("POST", second.resolve("/api/v1/admin/rebuilds"), Tokens.admin(),
                            null, null);
                    if (answer.status() == 409) {
                        refused[0]++;
                        return false;
                    }
                    assertThat(answer.status()).as("rebuild start on b: " + answer.body()).isEqualTo(202);
                    taken[0] = Json.read(answer.body()).path("id").asInt();
                    return true;
                });
        long takenAt = System.nanoTime();
        await("rebuild " + taken[0] + " completing").atMost(COMPLETE).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String state = status(second, taken[0]).path("state").asText();
                    assertThat(state).as("rebuild " + taken[0]).isIn("RUNNING", "COMPLETED");
                    return state.equals("COMPLETED");
                });
        String killedState = status(second, killed).path("state").asText();
        System.out.println("fault suite: rebuild " + killed + " killed with reporting-service-a at lag "
                + seen[0].path("lag").asLong() + "; reporting-service-b refused " + refused[0] + " starts, took over "
                + "as rebuild " + taken[0] + " after " + (takenAt - killedAt) / 1_000_000 + " ms, completed after "
                + (System.nanoTime() - takenAt) / 1_000_000 + " ms; rebuild " + killed + " is " + killedState);
        assertThat(taken[0]).as("the takeover claims the next generation").isGreaterThan(killed);
        assertThat(killedState).as("the killed rebuild").isEqualTo("FAILED");
        s.awaitEnd();
    }

    private static JsonNode status(URI instance, int id) {
        return Json.read(Http.get(instance.resolve("/api/v1/admin/rebuilds/" + id), Tokens.admin()).body());
    }
}
