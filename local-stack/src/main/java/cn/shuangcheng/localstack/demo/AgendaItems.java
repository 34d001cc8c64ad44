package cn.shuangcheng.localstack.demo;

import cn.shuangcheng.localstack.http.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static cn.shuangcheng.localstack.demo.ProjectIntake.isAbsent;

/**
 * Loads the demo three-lists items through project-service, idempotently by their {@code ref} (sent as
 * {@code externalRef}: the same reference again answers 200 with the existing id and its version).
 * <p>
 * Each item's way to its demo status is a fixed list of transitions, derived from the file alone; transition k takes
 * the item from version k to k + 1. The version the creation answers therefore says how many transitions an earlier
 * run already made, and only the rest are sent, each with {@code If-Match} on the version it expects, so that nothing
 * is applied twice even if two loaders ran at once.
 */
final class AgendaItems {

    /** The demo data leaves some items without an owner; the API wants one, and the joint office owns the lists. */
    static final String JOINT_OFFICE = "推动成渝地区双城经济圈建设联合办公室";
    private static final Set<String> NOT_PROGRESS_STEPS = Set.of("提出", "议定", "销号");

    /** One transition: the endpoint and its note. */
    record Step(String endpoint, String note) {
    }

    private final Api projects;
    private final Consumer<String> progress;

    AgendaItems(Api projects, Consumer<String> progress) {
        this.projects = projects;
        this.progress = progress;
    }

    void load(DemoDataset dataset, Map<String, String> projectIds, LoadReport report) {
        int created = 0;
        int transitions = 0;
        for (JsonNode item : dataset.agendaItems()) {
            String ref = item.path("ref").asString();
            Api.Answer answer = projects.post("/api/v1/agenda-items", creation(item, projectIds, report));
            if (!answer.is(201) && !answer.is(200)) {
                report.agendaItems().failed(ref + ": " + answer.describe());
                continue;
            }
            String id = answer.body().path("id").asString();
            long version = answer.body().path("version").asLong();
            List<Step> steps = steps(item);
            if (version > steps.size()) {
                report.note(ref + " has changed since it was loaded (version " + version + "); left as it is");
            }
            boolean changed = answer.is(201);
            for (int k = (int) version; k < steps.size(); k++) {
                Step step = steps.get(k);
                Api.Answer moved = projects.post("/api/v1/agenda-items/" + id + "/" + step.endpoint(),
                        Map.of("note", step.note()), Map.of("If-Match", "\"" + k + "\""));
                if (!moved.is(200)) {
                    report.agendaItems().failed(ref + " " + step.endpoint() + ": " + moved.describe());
                    changed = true;
                    break;
                }
                transitions++;
                changed = true;
            }
            created += answer.is(201) ? 1 : 0;
            if (changed) {
                report.agendaItems().changed();
            } else {
                report.agendaItems().unchanged();
            }
        }
        progress.accept(String.format("  three lists: %d items, %d created now, %d transitions made now",
                dataset.agendaItems().size(), created, transitions));
    }

    private ObjectNode creation(JsonNode item, Map<String, String> projectIds, LoadReport report) {
        ObjectNode body = projects.json().createObjectNode();
        body.put("externalRef", item.path("ref").asString());
        body.put("list", item.path("list").asString());
        body.put("title", item.path("title").asString());
        ArrayNode owners = body.putArray("ownerUnits");
        item.path("ownerUnits").forEach(owners::add);
        if (owners.isEmpty()) {
            owners.add(JOINT_OFFICE);
        }
        String dueOn = item.path("dueOn").asString("");
        if (dueOn.matches("\\d{4}-\\d{2}-\\d{2}")) {
            body.put("dueOn", dueOn);
        }
        ArrayNode linked = body.putArray("projectIds");
        for (JsonNode ref : item.path("projectRefs")) {
            String id = projectIds.get(ref.asString());
            if (id == null) {
                report.note(item.path("ref").asString() + ": project " + ref.asString() + " was not loaded, "
                        + "the item is created without it");
            } else {
                linked.add(id);
            }
        }
        return body;
    }

    /** The transitions that take a new item to its demo status, with notes from its log where it has one. */
    static List<Step> steps(JsonNode item) {
        List<String> worked = new ArrayList<>();
        for (JsonNode entry : item.path("log")) {
            String step = entry.path("step").asString();
            if (!NOT_PROGRESS_STEPS.contains(step)) {
                worked.add(isAbsent(entry.path("note")) ? step : step + "（" + entry.path("note").asString() + "）");
            }
        }
        String progressNote = String.join("；", worked);
        String description = item.path("description").asString("");
        String deliveryNote = description.isBlank() ? "已办结" : description;
        String closedOn = item.path("closedOn").asString("");
        String verification = closedOn.isBlank() ? "销号" : "销号（" + closedOn + "）";
        List<Step> steps = new ArrayList<>();
        switch (item.path("status").asString()) {
            case "IN_PROGRESS" -> steps.add(new Step("progress", worked.isEmpty() ? "推进中" : progressNote));
            case "DELIVERED" -> {
                if (!worked.isEmpty()) {
                    steps.add(new Step("progress", progressNote));
                }
                steps.add(new Step("delivery", deliveryNote));
            }
            case "VERIFIED" -> {
                if (!worked.isEmpty()) {
                    steps.add(new Step("progress", progressNote));
                }
                steps.add(new Step("delivery", deliveryNote));
                steps.add(new Step("verification", verification));
            }
            case "DROPPED" -> steps.add(new Step("drop", "撤销"));
            default -> {
                // OPEN: created is all it takes
            }
        }
        return steps;
    }
}
