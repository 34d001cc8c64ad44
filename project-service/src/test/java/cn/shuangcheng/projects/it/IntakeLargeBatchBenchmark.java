package cn.shuangcheng.projects.it;

import cn.shuangcheng.support.testing.Api;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Benchmark: a joint-office intake batch at the row limit (10,000 rows), as the intake systems send it - first the
 * projects with their list year, plan, start and one month, then the monthly resend of the same 10,000 rows with one
 * new month each. Prints how long each takes from submission to COMPLETED, the body size and the heap used; asserts
 * every row's outcome, so a run that loses rows fails. Excluded from the normal build by its tag; run it with
 * {@code bench/intake-large-batch.sh}.
 */
@Tag("benchmark")
class IntakeLargeBatchBenchmark {

    /** The row limit by default; {@code -Dintake.bench.rows=N} runs a smaller batch, e.g. to profile. */
    private static final int ROWS = Integer.getInteger("intake.bench.rows", 10_000);

    @Test
    void a_batch_of_ten_thousand_rows_and_its_monthly_resend() {
        try (ProjectServiceRig service = new ProjectServiceRig().start()) {
            Api api = service.api();

            JsonNode first = submitAndAwait(api, "bench-2023-01", rows(1));
            assertThat(first.path("accepted").asInt()).isEqualTo(ROWS);
            assertThat(first.path("rejected").asInt()).isZero();

            JsonNode resend = submitAndAwait(api, "bench-2023-02", rows(2));
            assertThat(resend.path("accepted").asInt()).isEqualTo(ROWS);
            assertThat(resend.path("rejected").asInt()).isZero();
        }
    }

    private static JsonNode submitAndAwait(Api api, String key, Map<String, Object> body) {
        long start = System.nanoTime();
        Api.Answer accepted = api.post("/api/v1/intake/batches").token(Tokens.intakeSystem())
                .header("Idempotency-Key", key).json(body).send();
        long answeredMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        String location = "/api/v1/intake/batches/" + accepted.id();
        JsonNode[] batch = new JsonNode[1];
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            batch[0] = api.get(location).token(Tokens.intakeSystem()).send().body();
            return "COMPLETED".equals(batch[0].path("status").asString());
        });
        long completedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        System.out.printf("BENCHMARK intake %s: %,d rows (%,d bytes of JSON) answered 202 after %,d ms, COMPLETED "
                        + "after %,d ms (%,.0f rows/s); accepted %d, unchanged %d, rejected %d; heap used %,d MB%n",
                key, ROWS, accepted.raw().request().bodyPublisher().map(p -> p.contentLength()).orElse(-1L),
                answeredMs, completedMs, ROWS * 1000.0 / completedMs, batch[0].path("accepted").asInt(),
                batch[0].path("unchanged").asInt(), batch[0].path("rejected").asInt(), heapMb);
        return batch[0];
    }

    /** The 10,000 projects as reported after {@code months} months of 2023. */
    private static Map<String, Object> rows(int months) {
        List<Map<String, Object>> items = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("externalRef", "BENCH-" + i);
            item.put("name", "川渝合作项目 " + i);
            item.put("sector", "INFRASTRUCTURE");
            item.put("regions", List.of("510100", "500112"));
            item.put("totalInvestmentYuan", 1_000_000_000L);
            item.put("listYear", 2023);
            item.put("annualPlanYuan", 120_000_000L);
            item.put("startedOn", "2023-01-10");
            List<Map<String, Object>> investments = new ArrayList<>();
            for (int m = 1; m <= months; m++) {
                investments.add(Map.of("period", "2023-0" + m, "amountYuan", 10_000_000L + i));
            }
            item.put("investments", investments);
            items.add(item);
        }
        return Map.of("items", items);
    }
}
