package cn.shuangcheng.projects.it;

import cn.shuangcheng.contracts.EventSchema;
import cn.shuangcheng.contracts.EventSchemas;
import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.support.testing.TestTokens;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.shuangcheng.projects.it.ProjectApiTest.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The joint office's intake, end to end: batches over REST (JSON and CSV) and records on the intake topic,
 * reconciled into the projects' events, with every row's outcome reported back.
 */
class IntakeApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProjectServiceRig service;
    private static Api api;

    @BeforeAll
    static void start() {
        service = new ProjectServiceRig().start();
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** A project as the intake system reports it after {@code months} months of 2023. */
    private static Map<String, Object> item(String ref, Map<String, Long> months) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("externalRef", ref);
        item.put("name", "川渝高竹新区产业园");
        item.put("sector", "MODERN_INDUSTRY");
        item.put("platform", "GAOZHU");
        item.put("regions", List.of("511623", "500112"));
        item.put("totalInvestmentYuan", 12_000_000_000L);
        item.put("listYear", 2023);
        item.put("annualPlanYuan", 2_400_000_000L);
        item.put("startedOn", "2023-01-15");
        List<Map<String, Object>> investments = new ArrayList<>();
        months.forEach((period, amount) -> investments.add(Map.of("period", period, "amountYuan", amount)));
        item.put("investments", investments);
        return item;
    }

    private static Api.Answer submit(String key, Object body) {
        return api.post("/api/v1/intake/batches").token(Tokens.intakeSystem()).header("Idempotency-Key", key)
                .json(body).send();
    }

    private static JsonNode completed(Api.Answer accepted) {
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        String location = "/api/v1/intake/batches/" + accepted.id();
        JsonNode[] batch = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            batch[0] = api.get(location).token(Tokens.intakeSystem()).send().body();
            return "COMPLETED".equals(batch[0].path("status").asString());
        });
        return batch[0];
    }

    /** Every row outcome of a batch, from the paged results (one page is enough for these batches). */
    private static JsonNode resultsOf(JsonNode batch) {
        Api.Answer page = api.get("/api/v1/intake/batches/" + batch.path("id").asString() + "/results?size=500")
                .token(Tokens.intakeSystem()).send();
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        return page.body().path("items");
    }

    @Test
    void a_new_project_then_a_monthly_resend_then_an_exact_resend() {
        String ref = "INTAKE-" + UUID.randomUUID();
        Map<String, Long> twoMonths = new LinkedHashMap<>(Map.of("2023-01", 100_000_000L));
        twoMonths.put("2023-02", 200_000_000L);
        JsonNode first = completed(submit("k1-" + ref, Map.of("items", List.of(item(ref, twoMonths)))));
        assertThat(first.path("accepted").asInt()).isEqualTo(1);
        JsonNode row = resultsOf(first).get(0);
        assertThat(row.path("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(row.path("externalRef").asString()).isEqualTo(ref);
        String projectId = row.path("projectId").asString();
        assertThat(service.storedEventsOf(projectId)).isEqualTo(6); // proposed, listed, plan, started, 2 months

        Map<String, Long> resend = new LinkedHashMap<>(Map.of("2023-01", 100_000_000L));
        resend.put("2023-02", 210_000_000L);
        resend.put("2023-03", 300_000_000L);
        JsonNode second = completed(submit("k2-" + ref, Map.of("items", List.of(item(ref, resend)))));
        assertThat(resultsOf(second).get(0).path("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(service.storedEventsOf(projectId)).isEqualTo(8);
        List<ConsumerRecord<String, byte[]>> records = ProjectTopic.recordsOf(service.topic, projectId, 8,
                Duration.ofSeconds(60));
        assertThat(records.subList(6, 8)).extracting(r -> header(r, "ce_type")).containsExactly(
                "shuangcheng.project.InvestmentCorrected.v1", "shuangcheng.project.InvestmentRecorded.v1");
        assertThat(new String(records.get(6).value())).contains("\"reason\":\"intake correction\"");
        assertThat(header(records.get(7), "ce_principal")).isEqualTo(Tokens.INTAKE_SYSTEM);

        JsonNode third = completed(submit("k3-" + ref, Map.of("items", List.of(item(ref, resend)))));
        assertThat(third.path("unchanged").asInt()).isEqualTo(1);
        assertThat(resultsOf(third).get(0).path("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(service.storedEventsOf(projectId)).isEqualTo(8);
    }

    /** Intake keeps what it knows of a project between batches; what others recorded since must still count. */
    @Test
    void a_month_recorded_through_the_api_between_two_reports_is_compared_with_the_next_report() {
        String ref = "INTAKE-" + UUID.randomUUID();
        JsonNode first = completed(submit("a1-" + ref,
                Map.of("items", List.of(item(ref, Map.of("2023-01", 100_000_000L))))));
        String projectId = resultsOf(first).get(0).path("projectId").asString();
        assertThat(service.storedEventsOf(projectId)).isEqualTo(5);
        Api.Answer recorded = api.post("/api/v1/projects/" + projectId + "/investments").token(Tokens.intakeSystem())
                .json(Map.of("period", "2023-02", "amountYuan", 150_000_000L)).send();
        assertThat(recorded.status()).as(recorded.raw().body()).isEqualTo(201);

        Map<String, Long> sameAsRecorded = new LinkedHashMap<>(Map.of("2023-01", 100_000_000L));
        sameAsRecorded.put("2023-02", 150_000_000L);
        JsonNode second = completed(submit("a2-" + ref, Map.of("items", List.of(item(ref, sameAsRecorded)))));
        assertThat(resultsOf(second).get(0).path("outcome").asString()).isEqualTo("UNCHANGED");

        Map<String, Long> different = new LinkedHashMap<>(Map.of("2023-01", 100_000_000L));
        different.put("2023-02", 160_000_000L);
        JsonNode third = completed(submit("a3-" + ref, Map.of("items", List.of(item(ref, different)))));
        assertThat(resultsOf(third).get(0).path("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(service.storedEventsOf(projectId)).isEqualTo(7);
        List<ConsumerRecord<String, byte[]>> records = ProjectTopic.recordsOf(service.topic, projectId, 7,
                Duration.ofSeconds(60));
        assertThat(header(records.get(6), "ce_type")).isEqualTo("shuangcheng.project.InvestmentCorrected.v1");
        assertThat(new String(records.get(6).value())).contains("\"amountYuan\":160000000");
    }

    @Test
    void the_same_batch_with_the_same_key_is_processed_once() {
        String ref = "INTAKE-KEY-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("items", List.of(item(ref, Map.of("2023-01", 5L))));
        Api.Answer first = submit("same-" + ref, body);
        completed(first);
        long events = service.storedEvents();

        Api.Answer again = submit("same-" + ref, body);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(service.storedEvents()).isEqualTo(events);

        Api.Answer otherBody = submit("same-" + ref, Map.of("items", List.of(item(ref, Map.of("2023-01", 6L)))));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.contentType()).startsWith("application/problem+json");
    }

    @Test
    void bad_rows_are_rejected_with_their_reasons_and_the_good_rows_still_land() {
        String ok1 = "INTAKE-OK1-" + UUID.randomUUID();
        String ok2 = "INTAKE-OK2-" + UUID.randomUUID();
        Map<String, Object> badRegion = item("INTAKE-BADREGION-" + UUID.randomUUID(), Map.of());
        badRegion.put("regions", List.of("440300"));
        Map<String, Object> badNumber = item("INTAKE-BADNUM-" + UUID.randomUUID(), Map.of());
        badNumber.put("totalInvestmentYuan", "十二亿");
        Map<String, Object> noName = item("INTAKE-NONAME-" + UUID.randomUUID(), Map.of());
        noName.remove("name");

        JsonNode batch = completed(submit("mixed-" + ok1, Map.of("items", List.of(item(ok1, Map.of("2023-01", 1L)),
                badRegion, badNumber, noName, item(ok2, Map.of("2023-01", 2L))))));

        assertThat(batch.path("rows").asInt()).isEqualTo(5);
        assertThat(batch.path("accepted").asInt()).isEqualTo(2);
        assertThat(batch.path("rejected").asInt()).isEqualTo(3);
        JsonNode results = resultsOf(batch);
        assertThat(results.get(0).path("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(results.get(1).path("errors").get(0).path("field").asString()).isEqualTo("regions");
        assertThat(results.get(1).path("errors").get(0).path("message").asString()).contains("440300");
        assertThat(results.get(2).path("errors").get(0).path("field").asString()).isEqualTo("totalInvestmentYuan");
        assertThat(results.get(3).path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(results.get(4).path("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(results.get(4).path("row").asInt()).isEqualTo(5);
    }

    @Test
    void a_csv_batch_is_read_row_by_row() {
        String ref = "INTAKE-CSV-" + UUID.randomUUID();
        String csv = "externalRef,name,sector,platform,regions,totalInvestmentYuan,listYear,annualPlanYuan,startedOn,"
                + "investments,milestones\n"
                + ref + ",遂潼涪江创新产业园,SCIENCE_TECH,SUITONG,510900;500152,3000000000,2023,600000000,2023-03-01,"
                + "2023-03:50000000;2023-04:60000000,2023-03-01:奠基\n";
        Api.Answer accepted = api.post("/api/v1/intake/batches").token(Tokens.intakeSystem())
                .header("Idempotency-Key", "csv-" + ref).header("Content-Type", "text/csv").json(csv).send();

        JsonNode batch = completed(accepted);
        assertThat(resultsOf(batch).get(0).path("outcome").asString()).as(batch.toString()).isEqualTo("ACCEPTED");
        // proposed, listed, plan, started, milestone, two months
        assertThat(service.storedEventsOf(resultsOf(batch).get(0).path("projectId").asString())).isEqualTo(7);
    }

    @Test
    void a_batch_over_the_row_limit_is_413_and_changes_nothing() {
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, Object> small = Map.of("externalRef", "X", "name", "n");
        for (int i = 0; i <= 10_000; i++) {
            items.add(small);
        }
        long events = service.storedEvents();
        Api.Answer answer = submit("too-many-" + UUID.randomUUID(), Map.of("items", items));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(service.storedEvents()).isEqualTo(events);
    }

    @Test
    void a_submission_without_idempotency_key_is_400() {
        Api.Answer answer = api.post("/api/v1/intake/batches").token(Tokens.intakeSystem())
                .json(Map.of("items", List.of())).send();
        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void clients_named_by_client_id_alone_own_their_batches_and_a_token_naming_no_client_is_refused() {
        // client-credentials tokens without sub: before, both clients were the owner "" and shared every batch
        String key = "client-id-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("items", List.of(item("CLIENT-ID-" + UUID.randomUUID(), Map.of())));
        Api.Answer first = api.post("/api/v1/intake/batches").token(TestTokens.clientToken("intake-a", "intake:submit"))
                .header("Idempotency-Key", key).json(body).send();
        assertThat(first.status()).as(first.raw().body()).isEqualTo(202);
        String other = TestTokens.clientToken("intake-b", "intake:submit");
        assertThat(api.get("/api/v1/intake/batches/" + first.id()).token(other).send().status()).isEqualTo(404);
        Api.Answer second = api.post("/api/v1/intake/batches").token(other).header("Idempotency-Key", key).json(body)
                .send();
        assertThat(second.status()).as(second.raw().body()).isEqualTo(202);
        assertThat(second.id()).isNotEqualTo(first.id());

        Api.Answer nameless = api.post("/api/v1/intake/batches").token(TestTokens.token(null, "intake:submit"))
                .header("Idempotency-Key", "nameless-" + UUID.randomUUID()).json(body).send();
        assertThat(nameless.status()).isEqualTo(403);
        assertThat(nameless.contentType()).startsWith("application/problem+json");
    }

    @Test
    void intake_needs_the_intake_scope() {
        Api.Answer answer = api.post("/api/v1/intake/batches").token(Tokens.jointOffice())
                .header("Idempotency-Key", "scope").json(Map.of("items", List.of())).send();
        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void the_kafka_path_applies_a_record_once_and_publishes_rejections() throws Exception {
        String ref = "INTAKE-KAFKA-" + UUID.randomUUID();
        Map<String, Object> bad = item("INTAKE-KAFKA-BAD-" + UUID.randomUUID(), Map.of());
        bad.put("regions", List.of("999999"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            String good = JSON.writeValueAsString(item(ref, Map.of("2023-01", 7L)));
            producer.send(new ProducerRecord<>(service.intakeTopic, ref, good)).get();
            producer.send(new ProducerRecord<>(service.intakeTopic, ref, good)).get();
            // one key for all four: one partition, so they are applied in the order sent
            producer.send(new ProducerRecord<>(service.intakeTopic, ref, JSON.writeValueAsString(bad))).get();
            producer.send(new ProducerRecord<>(service.intakeTopic, ref, "{not json")).get();
        }

        List<ConsumerRecord<String, String>> rejections = SharedKafka.readRecords(service.rejectionsTopic, 2,
                Duration.ofSeconds(60), new StringDeserializer());
        assertThat(rejections.get(0).value()).contains("999999").contains("regions");
        assertThat(rejections.get(1).value()).contains("cannot be read");
        // both as contracts' AsyncAPI document publishes them (schemas/intake), like the good item that was applied
        EventSchema rejection = EventSchemas.standard().forEvent("intake", "IntakeRejection", 1);
        rejections.forEach(r -> assertThat(rejection.validate(r.value())).as(r.value()).isEmpty());
        assertThat(EventSchemas.standard().forEvent("intake", "IntakeItem", 1)
                .validate(JSON.writeValueAsString(item(ref, Map.of("2023-01", 7L))))).isEmpty();
        // the rejections were published after both copies of the good record were applied
        String projectId = cn.shuangcheng.projects.cooperation.api.ProjectIds.forProposal(ref);
        assertThat(service.storedEventsOf(projectId)).isEqualTo(5);
    }
}
