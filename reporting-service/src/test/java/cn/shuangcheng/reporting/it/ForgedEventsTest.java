package cn.shuangcheng.reporting.it;

import cn.shuangcheng.reporting.ingestion.kafka.DeadLetters;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record at an aggregate and sequence where another event is stored, with another event id - a forged CloudEvent,
 * or a producer gone wrong - does not replace the stored event: it is parked on the dead-letter topic as
 * {@code conflicting} and counted, while an exact redelivery (the same event id) is only a duplicate; nor does an
 * event of another kind than the aggregate's.
 */
class ForgedEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static ReportingRig rig;
    private static ContractEvents events;

    @BeforeAll
    static void start() {
        rig = new ReportingRig().start();
        events = new ContractEvents();
    }

    @AfterAll
    static void stop() {
        events.close();
        rig.close();
    }

    @Test
    void a_second_event_at_a_stored_sequence_is_parked_as_conflicting_and_the_stored_one_stays() {
        double conflictingBefore = rig.management().scrape().value("shuangcheng_reporting_events_conflicting_total");
        double parkedBefore = rig.management().scrape().value("shuangcheng_reporting_dlq_records_total", "reason",
                "conflicting");
        double duplicatesBefore = investmentDuplicates();
        String p = UUID.randomUUID().toString();
        events.send(rig.projectTopic, "project", p, "ProjectProposed", "{\"projectId\":\"" + p + "\",\"name\":\"项目\","
                + "\"sector\":\"ECOLOGY\",\"platform\":null,\"regions\":[\"510500\"],\"leadUnits\":[],"
                + "\"totalInvestmentYuan\":1000000}");
        ContractEvents.Sent real = events.send(rig.projectTopic, "project", p, "InvestmentRecorded", investment(p, 5));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rig.json("/api/v1/projects/" + p)
                .path("investedToDateYuan").asLong()).isEqualTo(5));

        events.sendAt(rig.projectTopic, "project", p, "InvestmentRecorded", investment(p, 999_999), 1); // forged
        events.resend(real); // a redelivery: the same event id
        events.send(rig.projectTopic, "project", p, "MilestoneReached", "{\"projectId\":\"" + p + "\","
                + "\"name\":\"开工\",\"reachedOn\":\"2023-03-01\",\"note\":null}");

        await().atMost(WAIT).untilAsserted(() -> assertThat(rig.diagnostics(p).path("eventCount")
                .asInt()).isEqualTo(3));
        assertThat(rig.json("/api/v1/projects/" + p).path("investedToDateYuan").asLong()).isEqualTo(5);
        List<ConsumerRecord<String, byte[]>> parked = await().atMost(WAIT).until(() -> SharedKafka.readRecords(
                rig.deadLetterTopic, (int) SharedKafka.recordCount(rig.deadLetterTopic), WAIT).stream()
                .filter(r -> p.equals(r.key())).toList(), letters -> !letters.isEmpty());
        assertThat(parked).as("the forged record only, not the redelivery").hasSize(1);
        assertThat(header(parked.get(0), DeadLetters.REASON)).contains("another event is stored")
                .contains("sequence 1");
        assertThat(new String(parked.get(0).value(), StandardCharsets.UTF_8)).contains("999999");
        assertThat(rig.management().scrape().value("shuangcheng_reporting_events_conflicting_total"))
                .isEqualTo(conflictingBefore + 1);
        assertThat(rig.management().scrape().value("shuangcheng_reporting_dlq_records_total", "reason",
                "conflicting")).isEqualTo(parkedBefore + 1);
        // consumed = applied + duplicate + dead letters: the forged record is a dead letter, not a duplicate too
        assertThat(investmentDuplicates()).as("the redelivery only").isEqualTo(duplicatesBefore + 1);
    }

    private static double investmentDuplicates() {
        double value = rig.management().scrape().value("shuangcheng_reporting_events_duplicate_total", "type",
                "shuangcheng.project.InvestmentRecorded.v1");
        return Double.isNaN(value) ? 0 : value;
    }

    /**
     * One aggregate id, one kind. A writer of the cadre topic (its credential stolen, or the service gone wrong)
     * sends secondment events whose subject and key are a project's id: at a sequence the project has and at one it
     * has not. Neither is applied: both are parked as conflicting, the project keeps its events and figures, and no
     * phantom secondment document appears (it did, folded from the project's events, and counted in the cadre
     * report).
     */
    @Test
    void secondment_events_under_a_projects_id_are_parked_and_make_no_secondment_document() {
        String p = UUID.randomUUID().toString();
        events.send(rig.projectTopic, "project", p, "ProjectProposed", "{\"projectId\":\"" + p + "\",\"name\":\"项目\","
                + "\"sector\":\"ECOLOGY\",\"platform\":null,\"regions\":[\"510500\"],\"leadUnits\":[],"
                + "\"totalInvestmentYuan\":1000000}");
        events.send(rig.projectTopic, "project", p, "InvestmentRecorded", investment(p, 5));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rig.json("/api/v1/projects/" + p)
                .path("investedToDateYuan").asLong()).isEqualTo(5));

        String extended = "{\"secondmentId\":\"" + p + "\",\"endOn\":\"2024-12-31\",\"previousEndOn\":\"2024-06-30\","
                + "\"reason\":\"延期\"}";
        events.sendAt(rig.cadreTopic, "cadre", p, "SecondmentExtended", extended, 0); // the project's sequence
        events.sendAt(rig.cadreTopic, "cadre", p, "SecondmentExtended", extended, 2); // one it has not

        List<ConsumerRecord<String, byte[]>> parked = await().atMost(WAIT).until(() -> SharedKafka.readRecords(
                rig.deadLetterTopic, (int) SharedKafka.recordCount(rig.deadLetterTopic), WAIT).stream()
                .filter(r -> p.equals(r.key())).toList(), letters -> letters.size() == 2);
        assertThat(parked).allSatisfy(letter -> assertThat(header(letter, DeadLetters.REASON))
                .contains("is a PROJECT").contains("SECONDMENT event is not applied"));

        assertThat(rig.diagnostics(p).path("eventCount").asInt()).isEqualTo(2);
        assertThat(rig.json("/api/v1/projects/" + p).path("investedToDateYuan").asLong()).isEqualTo(5);
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            MongoDatabase database = client.getDatabase(rig.database);
            for (String collection : database.listCollectionNames()) {
                if (collection.startsWith("secondments")) {
                    assertThat(database.getCollection(collection).countDocuments(Filters.eq("_id", p)))
                            .as(collection).isZero();
                }
            }
        }
    }

    private static String investment(String p, long amount) {
        return "{\"projectId\":\"" + p + "\",\"period\":\"2023-02\",\"amountYuan\":" + amount + "}";
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
