package cn.shuangcheng.reporting.it;

import cn.shuangcheng.reporting.ingestion.kafka.DeadLetters;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
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
 * {@code conflicting} and counted, while an exact redelivery (the same event id) is only a duplicate.
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
        assertThat(rig.management().scrape().value("shuangcheng_reporting_events_conflicting_total")).isEqualTo(1);
        assertThat(rig.management().scrape().value("shuangcheng_reporting_dlq_records_total", "reason",
                "conflicting")).isEqualTo(1);
    }

    private static String investment(String p, long amount) {
        return "{\"projectId\":\"" + p + "\",\"period\":\"2023-02\",\"amountYuan\":" + amount + "}";
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
