package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.reporting.ingestion.kafka.DeadLetters;
import cn.shuangcheng.support.logging.LogSafe;
import cn.shuangcheng.support.testing.ManagementPort;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import tools.jackson.databind.JsonNode;

/**
 * Hostile records straight onto the event topics, as anyone with write access to Kafka could send them. Each poison
 * record is followed by a normal event of the same aggregate and one of another aggregate. Every poison record must
 * end on the dead-letter topic with a reason, every normal event must be applied (also the ones polled in the same
 * batch as a poison record, which the consumer then applies one by one), the consumer thread must never die, and
 * the group's committed offsets must reach the end of the topic: nothing committed was skipped.
 */
class PoisonRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    /** More than MongoDB's 16 MB document limit once stored, a few kB on the wire (compressed). */
    private static final int HUGE = 17 * 1024 * 1024;
    private static ReportingRig rig;
    private static ContractEvents events;

    @BeforeAll
    static void start() {
        rig = new ReportingRig()
                .with("shuangcheng.reporting.retry-backoff", "100ms")
                .with("shuangcheng.reporting.max-retry-backoff", "1s")
                .start();
        events = new ContractEvents(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024));
    }

    @AfterAll
    static void stop() {
        events.close();
        rig.close();
    }

    private record Poison(String name, Consumer<String> send) {
    }

    private static void project(String id, String event, String json) {
        events.send(rig.projectTopic, "project", id, event, json);
    }

    private static String proposal(String id) {
        return "{\"projectId\":\"" + id + "\",\"name\":\"项目\",\"sector\":\"ECOLOGY\",\"platform\":null,"
                + "\"regions\":[\"510500\"],\"leadUnits\":[],\"totalInvestmentYuan\":100000000000000}";
    }

    private static String investment(String id, String period, String amount, String extra) {
        return "{\"projectId\":\"" + id + "\",\"period\":\"" + period + "\",\"amountYuan\":" + amount + extra + "}";
    }

    private static List<Poison> poisons() {
        List<Poison> poisons = new ArrayList<>();
        poisons.add(new Poison("data with {\"$date\":\"nope\"}", a -> project(a, "InvestmentRecorded",
                investment(a, "2023-02", "5", ",\"note\":{\"$date\":\"nope\"}"))));
        poisons.add(new Poison("data with {\"$maxKey\":1} (a BSON MaxKey)", a -> project(a, "InvestmentRecorded",
                investment(a, "2023-02", "5", ",\"x\":{\"$maxKey\":1}"))));
        poisons.add(new Poison("NUL in a property name", a -> project(a, "InvestmentRecorded",
                investment(a, "2023-02", "5", ",\"a\\u0000b\":1"))));
        poisons.add(new Poison("unparsable JSON", a -> project(a, "InvestmentRecorded", "{\"projectId\":\"" + a + "\",")));
        poisons.add(new Poison("amount of the wrong type", a -> project(a, "InvestmentRecorded",
                investment(a, "2023-02", "\"many\"", ""))));
        poisons.add(new Poison("amount 1e999999999", a -> project(a, "InvestmentRecorded",
                investment(a, "2023-02", "1e999999999", ""))));
        poisons.add(new Poison("unknown event type", a -> project(a, "ProjectTeleported",
                "{\"projectId\":\"" + a + "\"}")));
        poisons.add(new Poison("Long.MAX_VALUE amount", a -> project(a, "InvestmentRecorded",
                investment(a, "2023-02", Long.toString(Long.MAX_VALUE), ""))));
        poisons.add(new Poison("amount 10^14 + 1", a -> project(a, "InvestmentRecorded",
                investment(a, "2023-02", "100000000000001", ""))));
        poisons.add(new Poison("17 MB string (document over 16 MB)", a -> project(a, "InvestmentRecorded",
                investment(a, "2023-02", "5", ",\"note\":\"" + "x".repeat(HUGE) + "\""))));
        poisons.add(new Poison("nesting 100,000 deep", a -> project(a, "InvestmentRecorded",
                investment(a, "2023-02", "5", ",\"note\":" + "[".repeat(100_000) + "]".repeat(100_000)))));
        poisons.add(new Poison("CR LF and ESC in the event type", a -> events.sendRaw(rig.projectTopic, a,
                investment(a, "2023-02", "5", "").getBytes(StandardCharsets.UTF_8),
                cloudEventHeaders(a, "shuangcheng.project.Investment\r\n\u001b[31mRecorded.v1", "1"))));
        poisons.add(new Poison("sequence that is not a number", a -> events.sendRaw(rig.projectTopic, a,
                investment(a, "2023-02", "5", "").getBytes(StandardCharsets.UTF_8),
                cloudEventHeaders(a, "shuangcheng.project.InvestmentRecorded.v1", "one"))));
        poisons.add(new Poison("key that is not the subject", a -> events.sendRaw(rig.projectTopic, a,
                investment(a, "2023-02", "5", "").getBytes(StandardCharsets.UTF_8),
                cloudEventHeaders(UUID.randomUUID().toString(), "shuangcheng.project.InvestmentRecorded.v1", "1"))));
        poisons.add(new Poison("not a CloudEvent", a -> events.sendRaw(rig.projectTopic, a,
                new byte[] {0, 1, 2, (byte) 0xff}, new RecordHeaders())));
        poisons.add(new Poison("ce_type and ce_traceparent without a value", a -> {
            // Kafka allows a header without a value; the span of the record read both before the batch was applied
            RecordHeaders headers = cloudEventHeaders(a, "shuangcheng.project.InvestmentRecorded.v1", "1");
            headers.remove("ce_type");
            headers.add("ce_type", null);
            headers.add("ce_traceparent", null);
            events.sendRaw(rig.projectTopic, a, investment(a, "2023-02", "5", "").getBytes(StandardCharsets.UTF_8),
                    headers);
        }));
        return poisons;
    }

    private static RecordHeaders cloudEventHeaders(String subject, String type, String sequence) {
        RecordHeaders headers = new RecordHeaders();
        ContractEvents.header(headers, "ce_specversion", "1.0");
        ContractEvents.header(headers, "ce_id", UUID.randomUUID().toString());
        ContractEvents.header(headers, "ce_source", "urn:shuangcheng:project-service");
        ContractEvents.header(headers, "ce_type", type);
        ContractEvents.header(headers, "ce_subject", subject);
        ContractEvents.header(headers, "ce_time", "2023-07-01T08:00:00Z");
        ContractEvents.header(headers, "content-type", "application/json");
        ContractEvents.header(headers, "ce_sequence", sequence);
        return headers;
    }

    @Test
    void everyPoisonRecordIsParkedWithItsReasonAndTheEventsBehindItAreApplied() {
        List<Poison> poisons = poisons();
        Map<String, Poison> byAggregate = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (Poison poison : poisons) {
            String a = UUID.randomUUID().toString();
            String b = UUID.randomUUID().toString();
            project(a, "ProjectProposed", proposal(a)); // sequence 0
            poison.send().accept(a); // sequence 1 (when it is a CloudEvent)
            project(a, "InvestmentRecorded", investment(a, "2023-03", "100000000000000", "")); // behind it
            project(b, "ProjectProposed", proposal(b)); // another aggregate behind it
            byAggregate.put(a, poison);
            others.add(b);
        }

        await().atMost(WAIT).untilAsserted(() -> {
            for (String a : byAggregate.keySet()) {
                JsonNode project = rig.json("/api/v1/projects/" + a);
                assertThat(project.path("investedToDateYuan").asLong()).as(byAggregate.get(a).name())
                        .isEqualTo(100_000_000_000_000L);
                assertThat(rig.get("/api/v1/projects/" + a + "/timeline", "application/json", "reports:read")
                        .statusCode()).as(byAggregate.get(a).name() + ": timeline").isEqualTo(200);
            }
            for (String b : others) {
                assertThat(rig.get("/api/v1/projects/" + b, "application/json", "reports:read").statusCode())
                        .isEqualTo(200);
            }
        });
        Map<String, List<ConsumerRecord<String, byte[]>>> letters = new LinkedHashMap<>();
        await().atMost(WAIT).untilAsserted(() -> {
            letters.clear();
            SharedKafka.readRecords(rig.deadLetterTopic, (int) SharedKafka.recordCount(rig.deadLetterTopic), WAIT)
                    .forEach(r -> letters.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
            assertThat(letters.keySet()).containsAll(byAggregate.keySet());
        });
        awaitEverythingCommitted();

        ManagementPort.Exposition metrics = rig.management().scrape();
        double restarts = metrics.value("shuangcheng_reporting_consumer_restarts_total");
        System.out.println();
        // per input: the poison record, and the three normal events around it (the proposal before it, the same
        // aggregate's event and another aggregate's event behind it)
        System.out.printf("%-42s %7s %7s %8s  %s%n", "input", "tried", "parked", "applied", "reason (dlq.reason)");
        int parked = 0;
        for (Map.Entry<String, Poison> entry : byAggregate.entrySet()) {
            List<ConsumerRecord<String, byte[]>> ofAggregate = letters.get(entry.getKey());
            String reason = header(ofAggregate.get(0), DeadLetters.REASON);
            assertThat(reason).as(entry.getValue().name()).isNotBlank();
            assertThat(ofAggregate).extracting(r -> header(r, DeadLetters.ORIGIN_OFFSET)).as("one record parked")
                    .containsOnly(header(ofAggregate.get(0), DeadLetters.ORIGIN_OFFSET));
            parked++;
            System.out.printf("%-42s %7d %7d %8d  %s%n", entry.getValue().name(), 1, 1, 3,
                    LogSafe.text(reason, 70));
        }
        System.out.printf("%-42s %7d %7d %8d  workers died: %.0f%n%n", "total (poison / normal events)",
                poisons.size(), parked, byAggregate.size() * 2 + others.size(), restarts);

        assertThat(parked).isEqualTo(poisons.size());
        assertThat(restarts).as("the consumer never died").isZero();
        assertThat(rig.diagnostics(byAggregate.keySet().iterator().next()).path("gaps").path("count")
                .asInt()).as("the parked sequence shows as a gap").isEqualTo(1);
        assertThat(metrics.value("shuangcheng_reporting_dlq_records_total", "reason", "apply-failed"))
                .as("the 17 MB document, parked after the batch was applied one by one").isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("shuangcheng_reporting_dlq_records_total", "reason", "out-of-bounds"))
                .isGreaterThanOrEqualTo(2);
        assertThat(metrics.value("shuangcheng_reporting_dlq_records_total", "reason", "unconvertible"))
                .isGreaterThanOrEqualTo(1);
        String hugeLetter = byAggregate.entrySet().stream().filter(e -> e.getValue().name().startsWith("17 MB"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(header(letters.get(hugeLetter).get(0), DeadLetters.REASON)).startsWith("cannot be applied");
        assertThat(letters.get(hugeLetter).get(0).value()).as("parked whole").hasSizeGreaterThan(HUGE);
        assertThat(health("/actuator/health/liveness")).isEqualTo("UP");
    }

    @Test
    void amountsAtTheBoundAcrossManyProjectsSumExactly() {
        int projects = 40;
        String last = null;
        for (int i = 0; i < projects; i++) {
            String p = UUID.randomUUID().toString();
            project(p, "ProjectProposed", proposal(p)); // total 10^14
            project(p, "ProjectListed", "{\"projectId\":\"" + p + "\",\"listYear\":2031}");
            project(p, "AnnualPlanSet", "{\"projectId\":\"" + p + "\",\"year\":2031,\"amountYuan\":100000000000000}");
            project(p, "InvestmentRecorded", investment(p, "2031-01", "100000000000000", ""));
            project(p, "InvestmentRecorded", investment(p, "2031-02", "100000000000000", ""));
            last = p;
        }
        String lastProject = last;
        await().atMost(WAIT).untilAsserted(() -> assertThat(rig.json("/api/v1/reports/portfolio?year=2031")
                .path("total").path("projects").asInt()).isEqualTo(projects));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rig.diagnostics(lastProject)
                .path("eventCount").asInt()).isEqualTo(5));

        await().atMost(WAIT).untilAsserted(() -> {
            String total = rig.json("/api/v1/reports/portfolio?year=2031").path("total").toString();
            assertThat(total).contains("\"totalInvestmentYuan\":4000000000000000,\"totalInvestmentYi\":\"40000000.00\"",
                    "\"annualPlanYuan\":4000000000000000", "\"completedInYearYuan\":8000000000000000",
                    "\"completionRate\":2.0", "\"pointsOverTarget\":100.0", // parsed: no trailing zeros
                    "\"cumulativeInvestedYuan\":8000000000000000,\"cumulativeInvestedYi\":\"80000000.00\"");
        });
        assertThat(rig.json("/api/v1/projects/" + lastProject).path("investedToDateYuan").asLong())
                .isEqualTo(200_000_000_000_000L);
        assertThat(rig.get("/api/v1/reports/portfolio?year=2031", "text/csv", "reports:read").body())
                .startsWith("\uFEFFyear,asOf,breakdown,")
                .contains("2031,2031-12,total,,,40,0,false,0,40,4000000000000000,40000000.00,4000000000000000,"
                        + "40000000.00,8000000000000000,80000000.00,2.0000,100.0,8000000000000000,80000000.00\r\n");
    }

    @Test
    void anEventThatWouldGrowItsDocumentPast16MbIsParkedUnstoredAndTheProjectGoesOn() {
        // two valid milestones of 9 MB notes each (the contract does not bound a note; project-service does):
        // the second is parked, and the investment behind it is still applied
        String p = UUID.randomUUID().toString();
        String nineMegabytes = "x".repeat(9 * 1024 * 1024);
        project(p, "ProjectProposed", proposal(p));
        project(p, "MilestoneReached", milestone(p, "开工", nineMegabytes));
        project(p, "MilestoneReached", milestone(p, "竣工", nineMegabytes));
        project(p, "InvestmentRecorded", investment(p, "2023-03", "7", ""));

        await().atMost(WAIT).untilAsserted(() -> assertThat(rig.json("/api/v1/projects/" + p)
                .path("investedToDateYuan").asLong()).isEqualTo(7));
        List<ConsumerRecord<String, byte[]>> letters = await().atMost(WAIT).until(() -> SharedKafka.readRecords(
                rig.deadLetterTopic, (int) SharedKafka.recordCount(rig.deadLetterTopic), WAIT).stream()
                .filter(r -> p.equals(r.key())).toList(), parked -> !parked.isEmpty());
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(header(letter, "ce_sequence")).isEqualTo("2");
            assertThat(header(letter, DeadLetters.REASON)).contains("over MongoDB's 16 MB");
        });
        assertThat(rig.diagnostics(p).path("eventCount").asInt()).as("the parked one is not stored").isEqualTo(3);
    }

    private static String milestone(String id, String name, String note) {
        return "{\"projectId\":\"" + id + "\",\"name\":\"" + name + "\",\"reachedOn\":\"2023-03-01\",\"note\":\""
                + note + "\"}";
    }

    /** The group's committed offsets reach each partition's end: every record was applied or parked, none skipped. */
    private static void awaitEverythingCommitted() {
        await().atMost(WAIT).untilAsserted(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = SharedKafka.admin()
                    .listConsumerGroupOffsets(rig.groupId).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                    .filter(p -> p.topic().equals(rig.projectTopic))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            var ends = SharedKafka.admin().listOffsets(latest).all().get();
            assertThat(latest).isNotEmpty();
            ends.forEach((partition, end) -> assertThat(committed.get(partition).offset()).as(partition.toString())
                    .isEqualTo(end.offset()));
        });
    }

    private static String health(String path) {
        return ReportingRig.JSON.readTree(rig.management().get(path).body()).path("status").asString();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
