package cn.shuangcheng.system.faults;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;

import cn.shuangcheng.system.hostile.Http;

/**
 * Reconciles what the streams sent with what the system holds, exactly: every event the write service decided is in
 * the event store once, on the topic, and applied to reporting's read model once; each project's figures there are
 * the amounts sent; every intake batch completed with each row's expected outcome; and each year's portfolio
 * statement equals the one computed from the inputs, to the yuan. The cadre streams are reconciled alike
 * ({@link CadreAudit}).
 */
final class SystemAudit {


    private final MongoClient mongo;
    private final String projectDatabase;
    private final Supplier<String> kafka;
    private final String projectTopic;
    private final Supplier<List<URI>> projectServices;
    private final Supplier<List<URI>> reporting;
    private final CadreAudit cadres;

    SystemAudit(MongoClient mongo, String projectDatabase, Supplier<String> kafka, String projectTopic,
                Supplier<List<URI>> projectServices, Supplier<List<URI>> reporting) {
        this.cadres = new CadreAudit(mongo, kafka, reporting);
        this.mongo = mongo;
        this.projectDatabase = projectDatabase;
        this.kafka = kafka;
        this.projectTopic = projectTopic;
        this.projectServices = projectServices;
        this.reporting = reporting;
    }

    /** One pass over the given streams' projects; the portfolio of their years covers every stream's projects. */
    AuditCounts audit(List<StreamLedger> audited, List<StreamLedger> all) {
        AuditCounts counts = new AuditCounts();
        for (StreamLedger ledger : audited) {
            for (SubmittedBatch batch : ledger.batches) {
                checkBatch(batch, counts);
            }
        }
        if (!counts.problems.isEmpty()) {
            return counts; // the batches' projects are not all known yet
        }
        StoredEvents store = StoredEvents.read(mongo, projectDatabase);
        PublishedRecords topic = PublishedRecords.read(kafka.get(), projectTopic);
        Set<Integer> years = new HashSet<>();
        for (StreamLedger ledger : audited) {
            for (String event : ledger.acknowledgedEvents) {
                String[] parts = event.split("#");
                if (!store.of(parts[0]).containsKey(Long.parseLong(parts[1]))) {
                    counts.lost++;
                    counts.problem("acknowledged event " + event + " is not in the event store");
                }
            }
            for (PlannedProject p : projects(ledger)) {
                years.add(p.year);
                checkProject(p, ledger.projects.contains(p), store, topic, counts);
            }
        }
        for (int year : years) {
            checkPortfolio(year, all, counts);
        }
        cadres.audit(audited, counts);
        return counts;
    }

    static List<PlannedProject> projects(StreamLedger ledger) {
        List<PlannedProject> projects = new ArrayList<>(ledger.projects);
        ledger.batches.forEach(batch -> projects.addAll(batch.projects()));
        return projects;
    }

    private void checkBatch(SubmittedBatch batch, AuditCounts counts) {
        URI service = answering(projectServices.get(), "/api/v1/intake/batches/" + batch.id(), Tokens.intake());
        if (service == null) {
            Http.Answer answer = Http.get(batch.submittedTo().resolve("/api/v1/intake/batches/" + batch.id()),
                    Tokens.intake());
            counts.problem("intake batch " + batch.id() + " not readable: " + answer.status() + " " + answer.body());
            return;
        }
        JsonNode status = IntakeBatches.status(service, batch.id());
        if (status == null || !"COMPLETED".equals(status.path("status").asText())) {
            counts.problem("intake batch " + batch.id() + " is " + status);
            return;
        }
        Map<String, JsonNode> rows = IntakeBatches.results(service, batch.id());
        batch.expectedOutcomes().forEach((ref, expected) -> {
            JsonNode row = rows.get(ref);
            String outcome = row == null ? "missing" : row.path("outcome").asText();
            if (!expected.equals(outcome)) {
                counts.problem("batch " + batch.id() + " row " + ref + ": " + outcome + ", expected " + expected
                        + (row == null ? "" : " " + row));
            }
        });
        if (rows.size() != batch.expectedOutcomes().size()) {
            counts.problem("batch " + batch.id() + " has " + rows.size() + " result rows, sent "
                    + batch.expectedOutcomes().size());
        }
        for (PlannedProject p : batch.projects()) {
            JsonNode row = rows.get(p.externalRef);
            if (row != null && row.hasNonNull("projectId")) {
                p.id = row.path("projectId").asText();
            }
        }
    }

    private void checkProject(PlannedProject p, boolean fromStream, StoredEvents store, PublishedRecords topic,
                              AuditCounts counts) {
        Map<Long, String> stored = store.of(p.id);
        counts.stored += stored.size();
        if (fromStream && stored.size() != p.commandsPresent) {
            int difference = stored.size() - p.commandsPresent;
            if (difference < 0) {
                counts.lost -= difference;
            } else {
                counts.duplicated += difference;
            }
            counts.problem(p.externalRef + ": " + stored.size() + " events stored, " + p.commandsPresent
                    + " commands took effect");
        }
        stored.forEach((sequence, eventId) -> {
            if (eventId.contains(",")) {
                counts.duplicated++;
                counts.problem(p.id + "#" + sequence + " stored twice: " + eventId);
            }
            int records = topic.records(eventId);
            if (records == 0) {
                counts.lost++;
                counts.problem(p.id + "#" + sequence + " (" + eventId + ") is not on " + projectTopic);
            } else {
                counts.published++;
                counts.redelivered += records - 1;
            }
        });
        checkReadModel(p, stored, counts);
    }

    private void checkReadModel(PlannedProject p, Map<Long, String> stored, AuditCounts counts) {
        URI reader = answering(reporting.get(), "/api/v1/projects/" + p.id, Tokens.reader());
        if (reader == null) {
            counts.lost += stored.size();
            counts.problem(p.externalRef + " (" + p.id + ") is not in reporting's read model");
            return;
        }
        JsonNode timeline = Json.read(Http.get(reader.resolve("/api/v1/projects/" + p.id + "/timeline?size=500"),
                Tokens.reader()).body());
        Map<Long, Integer> applied = new HashMap<>();
        timeline.path("items").forEach(item -> applied.merge(item.path("sequence").asLong(), 1, Integer::sum));
        for (Long sequence : stored.keySet()) {
            int times = applied.getOrDefault(sequence, 0);
            if (times == 0) {
                counts.lost++;
                counts.problem(p.externalRef + " event " + sequence + " not applied by reporting");
            } else {
                counts.applied++;
                counts.duplicated += times - 1;
            }
        }
        JsonNode project = Json.read(Http.get(reader.resolve("/api/v1/projects/" + p.id), Tokens.reader()).body());
        Map<String, Long> months = new TreeMap<>();
        project.path("investments").forEach(m -> months.put(m.path("period").asText(), m.path("amountYuan").asLong()));
        Map<String, Long> sent = p.investmentsCopy();
        if (!months.equals(sent) || project.path("investedToDateYuan").asLong() != p.investedYuan()) {
            counts.problem(p.externalRef + ": reporting shows " + months + " invested "
                    + project.path("investedToDateYuan") + ", sent " + sent + " = " + p.investedYuan());
        }
    }

    private void checkPortfolio(int year, List<StreamLedger> all, AuditCounts counts) {
        long projects = 0;
        long started = 0;
        long total = 0;
        long plan = 0;
        long completed = 0;
        for (StreamLedger ledger : all) {
            for (PlannedProject p : projects(ledger)) {
                if (p.year == year && p.listed && p.id != null) {
                    projects++;
                    started += p.started ? 1 : 0;
                    total += p.totalInvestmentYuan;
                    plan += p.planned ? p.annualPlanYuan : 0;
                    completed += p.investedYuan();
                }
            }
        }
        URI reader = answering(reporting.get(), "/api/v1/reports/portfolio?year=" + year, Tokens.reader());
        if (reader == null) {
            counts.problem("no reporting instance answers the portfolio of " + year);
            return;
        }
        JsonNode figures = Json.read(Http.get(reader.resolve("/api/v1/reports/portfolio?year=" + year + "&asOf="
                + year + "-12"), Tokens.reader()).body()).path("total");
        String expected = "projects=" + projects + " started=" + started + " totalInvestmentYuan=" + total
                + " annualPlanYuan=" + plan + " completedInYearYuan=" + completed + " cumulativeInvestedYuan="
                + completed;
        String actual = "projects=" + figures.path("projects").asLong() + " started=" + figures.path("started").asLong()
                + " totalInvestmentYuan=" + figures.path("totalInvestmentYuan").asLong()
                + " annualPlanYuan=" + figures.path("annualPlanYuan").asLong()
                + " completedInYearYuan=" + figures.path("completedInYearYuan").asLong()
                + " cumulativeInvestedYuan=" + figures.path("cumulativeInvestedYuan").asLong();
        if (!expected.equals(actual)) {
            counts.problem("portfolio " + year + ": reporting " + actual + ", computed " + expected);
        }
    }

    /** The first instance that answers the path 200, or null. */
    private static URI answering(List<URI> instances, String path, String bearer) {
        for (URI instance : instances) {
            if (Http.get(instance.resolve(path), bearer).status() == 200) {
                return instance;
            }
        }
        return null;
    }
}
