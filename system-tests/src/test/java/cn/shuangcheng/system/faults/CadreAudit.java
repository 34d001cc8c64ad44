package cn.shuangcheng.system.faults;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.bson.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import cn.shuangcheng.system.hostile.Http;

/**
 * The cadre side of the reconciliation, as exact as the project side: every acknowledged cadre command's event is in
 * cadre-service's event store, each secondment and the scenario's batch hold exactly the events of the commands that
 * took effect, every stored event is on the cadre topic and in reporting's stored events (the active generation's
 * {@code events} collection, read directly: reporting has no per-secondment API), and the cadre-exchange report's row
 * of the batch counts what was sent.
 */
final class CadreAudit {

    private final MongoClient mongo;
    private final Supplier<String> kafka;
    private final Supplier<List<URI>> reporting;

    CadreAudit(MongoClient mongo, Supplier<String> kafka, Supplier<List<URI>> reporting) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.reporting = reporting;
    }

    void audit(List<StreamLedger> audited, AuditCounts counts) {
        StoredEvents store = StoredEvents.read(mongo, FaultStack.CADRE_DATABASE);
        PublishedRecords topic = PublishedRecords.read(kafka.get(), FaultStack.CADRE_TOPIC);
        Map<String, String> applied = appliedEvents();
        for (StreamLedger ledger : audited) {
            CadreLedger cadres = ledger.cadres;
            if (cadres.batchId == null) {
                continue; // the stream sent no cadre command
            }
            for (String event : cadres.acknowledgedEvents) {
                String[] parts = event.split("#");
                if (!store.of(parts[0]).containsKey(Long.parseLong(parts[1]))) {
                    counts.lost++;
                    counts.problem("acknowledged cadre event " + event + " is not in cadre-service's store");
                }
            }
            // the batch: its creation and one place per registration
            checkAggregate("batch " + cadres.batchNumber, cadres.batchId, 1 + (int) cadres.registered(), store, topic,
                    applied, counts);
            for (PlannedSecondment s : cadres.secondments) {
                if (s.id != null) {
                    checkAggregate(s.personnelNo, s.id, s.commandsPresent, store, topic, applied, counts);
                }
            }
            checkReport(cadres, counts);
        }
    }

    private static void checkAggregate(String what, String aggregate, int tookEffect, StoredEvents store,
                                       PublishedRecords topic, Map<String, String> applied, AuditCounts counts) {
        Map<Long, String> stored = store.of(aggregate);
        counts.cadreStored += stored.size();
        if (stored.size() != tookEffect) {
            int difference = stored.size() - tookEffect;
            if (difference < 0) {
                counts.lost -= difference;
            } else {
                counts.duplicated += difference;
            }
            counts.problem(what + ": " + stored.size() + " cadre events stored, " + tookEffect + " took effect");
        }
        stored.forEach((sequence, eventId) -> {
            if (eventId.contains(",")) {
                counts.duplicated++;
                counts.problem(aggregate + "#" + sequence + " stored twice: " + eventId);
            }
            int records = topic.records(eventId);
            if (records == 0) {
                counts.lost++;
                counts.problem(what + " " + aggregate + "#" + sequence + " (" + eventId + ") is not on "
                        + FaultStack.CADRE_TOPIC);
            } else {
                counts.cadrePublished++;
                counts.redelivered += records - 1;
            }
            String inReporting = applied.get(aggregate + "/" + sequence);
            if (inReporting == null) {
                counts.lost++;
                counts.problem(what + " " + aggregate + "#" + sequence + " not applied by reporting");
            } else if (!inReporting.equals(eventId)) {
                counts.problem(what + " " + aggregate + "#" + sequence + " applied as " + inReporting + ", stored "
                        + eventId);
            } else {
                counts.cadreApplied++;
            }
        });
    }

    /** The report's row of the batch, both directions together, against what the stream had take effect. */
    private void checkReport(CadreLedger cadres, AuditCounts counts) {
        URI reader = reporting.get().get(0);
        for (URI instance : reporting.get()) {
            if (Http.get(instance.resolve("/api/v1/reports/cadre-exchange"), Tokens.reader()).status() == 200) {
                reader = instance;
                break;
            }
        }
        JsonNode rows = Json.read(Http.get(reader.resolve("/api/v1/reports/cadre-exchange"), Tokens.reader()).body());
        long dispatched = 0;
        long onPost = 0;
        long contributions = 0;
        for (JsonNode row : rows) {
            if (row.path("batchNumber").asInt() == cadres.batchNumber) {
                dispatched += row.path("dispatched").asLong();
                onPost += row.path("onPost").asLong();
                contributions += row.path("contributions").asLong();
            }
        }
        long arrived = cadres.secondments.stream().filter(s -> s.arrived).count();
        long contributed = cadres.secondments.stream().mapToLong(s -> s.contributions).sum();
        String expected = "dispatched=" + cadres.registered() + " onPost=" + arrived + " contributions=" + contributed;
        String actual = "dispatched=" + dispatched + " onPost=" + onPost + " contributions=" + contributions;
        if (!expected.equals(actual)) {
            counts.problem("cadre-exchange batch " + cadres.batchNumber + ": reporting " + actual + ", sent "
                    + expected);
        }
    }

    /** Reporting's stored events of the active generation: {@code aggregateId/sequence} to event id. */
    private Map<String, String> appliedEvents() {
        MongoDatabase reportingDatabase = mongo.getDatabase(FaultStack.REPORTING_DATABASE);
        Document latest = reportingDatabase.getCollection("read_model_rebuilds")
                .find(Filters.eq("state", "COMPLETED")).sort(Sorts.descending("_id")).first();
        Document base = reportingDatabase.getCollection("read_model_generations").find(Filters.eq("_id", "active"))
                .first();
        int generation = latest != null ? latest.getInteger("_id") : base == null ? 1 : base.getInteger("generation");
        Map<String, String> applied = new HashMap<>();
        for (Document event : reportingDatabase.getCollection("events_g" + generation)
                .find(Filters.in("kind", "EXCHANGE_BATCH", "SECONDMENT"))) {
            applied.put(event.getString("_id"), event.getString("eventId"));
        }
        return applied;
    }
}
