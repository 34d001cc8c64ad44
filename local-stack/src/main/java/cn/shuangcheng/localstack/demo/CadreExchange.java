package cn.shuangcheng.localstack.demo;

import cn.shuangcheng.localstack.http.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads the demo batches and secondments through cadre-service. Neither has a client-chosen id, so the loader reads
 * what exists first and sends only what is missing: a batch by its number (GET /api/v1/batches/{number}), a
 * secondment by person and start within its batch (the list, read with cadres:pii to see personnel numbers). A 409
 * is not taken as "already there" on its word: the loader then waits for the secondment to show in the list.
 */
final class CadreExchange {

    private static final int PAGE_SIZE = 500;
    /** cadre-service's read model follows its writes within a second or so; this is the patience after a 409. */
    private static final Duration CONFIRM_DEADLINE = Duration.ofSeconds(30);
    private static final List<String> NOT_FOR_THE_API = List.of("ref", "synthetic", "notes", "sources", "note");

    private final Api cadres;
    private final Consumer<String> progress;

    CadreExchange(Api cadres, Consumer<String> progress) {
        this.cadres = cadres;
        this.progress = progress;
    }

    void load(DemoDataset dataset, LoadReport report) throws InterruptedException {
        for (JsonNode batch : dataset.batches()) {
            loadBatch(batch, report);
        }
        for (JsonNode batch : dataset.batches()) {
            int number = batch.path("number").asInt();
            List<JsonNode> secondments = dataset.secondments().stream()
                    .filter(s -> s.path("batchNumber").asInt() == number).toList();
            loadSecondments(number, secondments, report);
        }
    }

    private void loadBatch(JsonNode batch, LoadReport report) {
        int number = batch.path("number").asInt();
        Api.Answer existing = cadres.get("/api/v1/batches/" + number);
        if (existing.is(200)) {
            report.batches().unchanged();
            for (String field : List.of("year", "dispatchedOn", "quotaPerDirection", "termMonths")) {
                if (!batch.path(field).isMissingNode()
                        && !batch.path(field).asString().equals(existing.body().path(field).asString())) {
                    report.note("batch " + number + " exists with " + field + " " + existing.body().path(field)
                            + ", the demo data says " + batch.path(field) + "; left as it is");
                }
            }
            return;
        }
        if (!existing.is(404)) {
            report.batches().failed("batch " + number + ": " + existing.describe());
            return;
        }
        Api.Answer created = cadres.post("/api/v1/batches", withoutExtras(batch));
        if (created.is(201)) {
            report.batches().changed();
        } else {
            report.batches().failed("batch " + number + ": " + created.describe());
        }
    }

    private void loadSecondments(int batch, List<JsonNode> secondments, LoadReport report)
            throws InterruptedException {
        Set<String> present = registered(batch);
        int created = 0;
        for (JsonNode secondment : secondments) {
            String key = key(secondment.path("cadre").path("personnelNo").asString(),
                    secondment.path("startOn").asString());
            if (present.contains(key)) {
                report.secondments().unchanged();
                continue;
            }
            Api.Answer answer = cadres.post("/api/v1/secondments", withoutExtras(secondment));
            if (answer.is(201)) {
                report.secondments().changed();
                created++;
            } else if (answer.is(409) && showsUp(batch, key)) {
                report.secondments().unchanged();
            } else {
                report.secondments().failed(secondment.path("ref").asString() + ": " + answer.describe());
            }
        }
        progress.accept(String.format("  batch %d: %d secondments, %d registered now", batch, secondments.size(),
                created));
    }

    /** The secondments the batch holds, by person and start, read with cadres:pii. */
    private Set<String> registered(int batch) {
        Set<String> keys = new HashSet<>();
        for (JsonNode item : cadres.allItems("/api/v1/secondments?batchNumber=" + batch, PAGE_SIZE,
                "the secondments of batch " + batch)) {
            keys.add(key(item.path("cadre").path("personnelNo").asString(), item.path("startOn").asString()));
        }
        return keys;
    }

    private boolean showsUp(int batch, String key) throws InterruptedException {
        long until = System.nanoTime() + CONFIRM_DEADLINE.toNanos();
        while (System.nanoTime() < until) {
            if (registered(batch).contains(key)) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static String key(String personnelNo, String startOn) {
        return personnelNo + "|" + startOn;
    }

    private static ObjectNode withoutExtras(JsonNode record) {
        ObjectNode body = (ObjectNode) record.deepCopy();
        body.remove(NOT_FOR_THE_API);
        return body;
    }
}
