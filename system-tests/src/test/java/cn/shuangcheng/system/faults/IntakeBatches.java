package cn.shuangcheng.system.faults;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import cn.shuangcheng.system.hostile.Http;

/**
 * Intake batches of the stream: JSON batches of new projects, each with its listing, plan, start, three months and
 * a milestone, plus one row broken on purpose (an unknown sector). A submission not answered 2xx is sent again with
 * the same {@code Idempotency-Key}, which makes it the same batch.
 */
final class IntakeBatches {

    static final int MONTHS = 3;
    private static final Duration SUBMIT = Duration.ofMinutes(4);

    /** @param projectServices the instances; every attempt goes to the next, as a load balancer would */
    SubmittedBatch submit(String name, int year, int rows, java.util.function.Supplier<List<URI>> projectServices) {
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, String> outcomes = new LinkedHashMap<>();
        List<PlannedProject> projects = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            PlannedProject p = new PlannedProject("FI-" + name + "-" + r, year, 2_000_000_000L + r * 1_009L,
                    50_000_000L + r * 11L);
            p.listed = true;
            p.planned = true;
            p.started = true;
            List<Map<String, Object>> investments = new ArrayList<>();
            for (int m = 1; m <= MONTHS; m++) {
                long amount = 3_000_000L + r * 10L + m;
                p.recordInvestment(year + "-0" + m, amount);
                investments.add(Map.of("period", year + "-0" + m, "amountYuan", amount));
            }
            items.add(item(p, investments, "ECOLOGY"));
            outcomes.put(p.externalRef, "ACCEPTED");
            projects.add(p);
        }
        PlannedProject broken = new PlannedProject("FI-" + name + "-broken", year, 1, 1);
        items.add(item(broken, List.of(), "NOT_A_SECTOR"));
        outcomes.put(broken.externalRef, "REJECTED");
        byte[] body = Json.write(Map.of("items", items)).getBytes(StandardCharsets.UTF_8);
        String[] id = {null};
        URI[] to = {null};
        int[] attempt = {0};
        await("intake batch " + name + " accepted").atMost(SUBMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    List<URI> instances = projectServices.get();
                    to[0] = instances.get(attempt[0]++ % instances.size());
                    Http.Answer answer = Http.send("POST", to[0].resolve("/api/v1/intake/batches"),
                            Tokens.intake(),
                            "application/json", body, Map.of("Idempotency-Key", "fault-suite-" + name));
                    if (answer.status() >= 400 && answer.status() < 500) {
                        throw new IllegalStateException("intake batch " + name + ": " + answer.status() + " "
                                + answer.body());
                    }
                    if (answer.status() >= 300) {
                        return false;
                    }
                    id[0] = Json.read(answer.body()).path("id").asText();
                    return true;
                });
        return new SubmittedBatch(id[0], to[0], outcomes, projects);
    }

    private static Map<String, Object> item(PlannedProject p, List<Map<String, Object>> investments, String sector) {
        Map<String, Object> item = new HashMap<>();
        item.put("externalRef", p.externalRef);
        item.put("name", "川渝批量导入项目");
        item.put("sector", sector);
        item.put("platform", "GAOZHU");
        item.put("regions", List.of("510100", "500112"));
        item.put("leadUnits", List.of("广安市人民政府"));
        item.put("totalInvestmentYuan", p.totalInvestmentYuan);
        item.put("listYear", p.year);
        item.put("annualPlanYuan", p.annualPlanYuan);
        item.put("openingInvestedYuan", 0);
        item.put("startedOn", p.year + "-01-10");
        item.put("investments", investments);
        item.put("milestones", List.of(Map.of("name", "开工", "reachedOn", p.year + "-01-10")));
        return item;
    }

    /** The batch's status as any answering instance reports it ({@code null} while none answers). */
    static JsonNode status(URI projectService, String batchId) {
        Http.Answer answer = Http.get(projectService.resolve("/api/v1/intake/batches/" + batchId), Tokens.intake());
        return answer.status() == 200 ? Json.read(answer.body()) : null;
    }

    /** Every row's outcome and project id, by {@code externalRef}. */
    static Map<String, JsonNode> results(URI projectService, String batchId) {
        Map<String, JsonNode> rows = new HashMap<>();
        for (int page = 0; ; page++) {
            Http.Answer answer = Http.get(projectService.resolve("/api/v1/intake/batches/" + batchId
                    + "/results?size=500&page=" + page), Tokens.intake());
            if (answer.status() != 200) {
                throw new IllegalStateException("results of batch " + batchId + ": " + answer.status() + " "
                        + answer.body());
            }
            JsonNode items = Json.read(answer.body()).path("items");
            items.forEach(row -> rows.put(row.path("externalRef").asText(), row));
            if (items.size() < 500) {
                return rows;
            }
        }
    }
}
