package cn.shuangcheng.localstack.demo;

import cn.shuangcheng.localstack.http.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Loads the demo projects through project-service's joint-office intake, as an intake system would.
 * <p>
 * An intake item carries one {@code listYear} and its plan, while a demo project is on several years' lists: the
 * projects go in one batch per list year, in ascending order, each item carrying that year (and its plan) and the
 * project's whole reported state. The first batch a project is in proposes it and records its start, milestones and
 * months; each later one only lists it for the next year. The completion goes with the project's last list year only,
 * because a completed project cannot be put on another list.
 * <p>
 * Every run submits under fresh {@code Idempotency-Key}s, so that the intake really reconciles the file against what
 * is stored: on a second run every row comes back UNCHANGED, which is the check that the data is all there.
 */
final class ProjectIntake {

    private static final Duration BATCH_DEADLINE = Duration.ofMinutes(5);
    private static final int RESULTS_PAGE = 500;

    private final Api projects;
    private final String runId;
    private final Consumer<String> progress;

    ProjectIntake(Api projects, String runId, Consumer<String> progress) {
        this.projects = projects;
        this.runId = runId;
        this.progress = progress;
    }

    /** Loads every project; answers the project id of each external reference. */
    Map<String, String> load(DemoDataset dataset, LoadReport report) throws InterruptedException {
        TreeSet<Integer> years = new TreeSet<>();
        for (JsonNode project : dataset.projects()) {
            project.path("listYears").forEach(y -> years.add(y.asInt()));
            notePlansOffTheList(project, report);
        }
        long startedWithoutDate = dataset.projects().stream()
                .filter(p -> "STARTED".equals(p.path("status").asString()) && isAbsent(p.path("startedOn")))
                .count();
        if (startedWithoutDate > 0) {
            report.note(startedWithoutDate + " projects are STARTED in the demo data without a startedOn; intake "
                    + "records a start only with its date, so they stay APPROVED and do not count as started");
        }
        Map<String, String> projectIds = new HashMap<>();
        for (int year : years) {
            List<JsonNode> items = new ArrayList<>();
            for (JsonNode project : dataset.projects()) {
                if (listYears(project).contains(year)) {
                    items.add(item(project, year));
                }
            }
            submit("list " + year, items, report, projectIds);
        }
        List<JsonNode> unlisted = dataset.projects().stream().filter(p -> listYears(p).isEmpty())
                .map(p -> item(p, null)).toList();
        if (!unlisted.isEmpty()) {
            submit("not listed", unlisted, report, projectIds);
        }
        return projectIds;
    }

    private void submit(String label, List<JsonNode> items, LoadReport report, Map<String, String> projectIds)
            throws InterruptedException {
        ObjectNode body = projects.json().createObjectNode();
        body.putArray("items").addAll(items);
        String key = "local-stack-demo/" + runId + "/" + label.replace(' ', '-');
        Api.Answer accepted = projects.post("/api/v1/intake/batches", body, Map.of("Idempotency-Key", key));
        if (!accepted.is(202)) {
            throw new IllegalStateException("project-service refused the intake batch (" + label + "): "
                    + accepted.describe());
        }
        String batchId = accepted.body().path("id").asString();
        JsonNode batch = awaitCompleted(batchId);
        for (JsonNode row : results(batchId)) {
            String ref = row.path("externalRef").asString();
            if (!isAbsent(row.path("projectId"))) {
                projectIds.put(ref, row.path("projectId").asString());
            }
            switch (row.path("outcome").asString()) {
                case "ACCEPTED" -> report.projects().changed();
                case "UNCHANGED" -> report.projects().unchanged();
                default -> report.projects().failed(label + " " + ref + " " + row.path("errors"));
            }
            row.path("warnings").forEach(w -> report.note(ref + ": " + w.asString()));
        }
        progress.accept(String.format("  intake batch %-10s %3d rows: %d accepted, %d unchanged, %d rejected", label,
                batch.path("rows").asInt(), batch.path("accepted").asInt(), batch.path("unchanged").asInt(),
                batch.path("rejected").asInt()));
    }

    /** Every row outcome of a completed batch: the batch view has only the counts, the rows are paged. */
    private List<JsonNode> results(String batchId) {
        return projects.allItems("/api/v1/intake/batches/" + batchId + "/results", RESULTS_PAGE,
                "the results of intake batch " + batchId);
    }

    private JsonNode awaitCompleted(String batchId) throws InterruptedException {
        long until = System.nanoTime() + BATCH_DEADLINE.toNanos();
        while (true) {
            Api.Answer batch = projects.get("/api/v1/intake/batches/" + batchId);
            if (batch.is(200) && "COMPLETED".equals(batch.body().path("status").asString())) {
                return batch.body();
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("intake batch " + batchId + " did not complete within "
                        + BATCH_DEADLINE + ": " + batch.describe());
            }
            Thread.sleep(250);
        }
    }

    /** The intake item of a project for one list year (null: not listed). */
    private JsonNode item(JsonNode project, Integer year) {
        ObjectNode item = projects.json().createObjectNode();
        for (String field : List.of("externalRef", "name", "sector", "platform", "regions",
                "totalInvestmentYuan", "openingInvestedYuan", "openingAsOf", "startedOn", "investments")) {
            if (!isAbsent(project.path(field))) {
                item.set(field, project.get(field));
            }
        }
        ArrayNode leadUnits = item.putArray("leadUnits");
        leadUnits(project).forEach(leadUnits::add);
        if (year != null) {
            item.put("listYear", year);
            JsonNode plan = project.path("annualPlansYuan").path(String.valueOf(year));
            if (!isAbsent(plan)) {
                item.set("annualPlanYuan", plan);
            }
        }
        List<Integer> years = listYears(project);
        boolean lastList = year == null || year.equals(years.get(years.size() - 1));
        if (lastList && !isAbsent(project.path("completedOn"))) {
            item.set("completedOn", project.get("completedOn"));
        }
        ArrayNode milestones = item.putArray("milestones");
        for (JsonNode m : project.path("milestones")) {
            milestones.addObject().put("name", m.path("name").asString()).put("reachedOn", m.path("on").asString());
        }
        return item;
    }

    /**
     * The lead units as a list of names. The demo data has them either as a list or, for a few projects, by side
     * ({@code {"sichuan": [...], "chongqing": [...]}}); the API knows a list only, so the sides are joined in the
     * file's order.
     */
    static List<String> leadUnits(JsonNode project) {
        List<String> names = new ArrayList<>();
        JsonNode units = project.path("leadUnits");
        if (units.isArray()) {
            units.forEach(u -> names.add(u.asString()));
        } else if (units.isObject()) {
            units.properties().forEach(side -> side.getValue().forEach(u -> names.add(u.asString())));
        }
        return names;
    }

    /** A plan for a year the project is not listed for has no place in the API (a plan needs the listing). */
    private static void notePlansOffTheList(JsonNode project, LoadReport report) {
        List<Integer> years = listYears(project);
        for (var plan : project.path("annualPlansYuan").properties()) {
            if (!years.contains(Integer.parseInt(plan.getKey()))) {
                report.note(project.path("externalRef").asString() + ": its plan for " + plan.getKey()
                        + " is not loaded, the project is not on the " + plan.getKey() + " list");
            }
        }
    }

    private static List<Integer> listYears(JsonNode project) {
        List<Integer> years = new ArrayList<>();
        project.path("listYears").forEach(y -> years.add(y.asInt()));
        years.sort(null);
        return years;
    }

    static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }
}
