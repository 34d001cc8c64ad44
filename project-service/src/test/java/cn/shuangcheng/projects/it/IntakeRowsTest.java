package cn.shuangcheng.projects.it;

import cn.shuangcheng.kernel.Bounds;
import cn.shuangcheng.projects.cooperation.api.ProjectIds;
import cn.shuangcheng.projects.intake.api.IntakeBounds;
import cn.shuangcheng.projects.intake.api.IntakeItem;
import cn.shuangcheng.projects.intake.api.RowOutcome;
import cn.shuangcheng.projects.intake.application.InfrastructureUnavailableException;
import cn.shuangcheng.projects.intake.application.IntakeProcessor;
import cn.shuangcheng.projects.intake.application.IntakeRowBinder;
import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.support.testing.TestTokens;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Intake rows as a careless or hostile intake system sends them: values beyond the bounds or of the wrong type,
 * rows whose last step is refused, batches past the row limit; and what a client reads back (paged results, the
 * CSV of rejected rows, only its own batches). Against the running service, the shared broker and Mongo stand-in.
 */
class IntakeRowsTest {

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

    private static Map<String, Object> item(String ref) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("externalRef", ref);
        item.put("name", "成渝中线高铁配套工程");
        item.put("sector", "INFRASTRUCTURE");
        item.put("regions", List.of("510100", "500112"));
        item.put("totalInvestmentYuan", 5_000_000_000L);
        item.put("listYear", 2023);
        item.put("annualPlanYuan", 800_000_000L);
        item.put("startedOn", "2023-02-01");
        item.put("investments", List.of(Map.of("period", "2023-02", "amountYuan", 70_000_000L)));
        return item;
    }

    private static Api.Answer submitJson(String body) {
        return api.post("/api/v1/intake/batches").token(Tokens.intakeSystem())
                .header("Idempotency-Key", "k-" + UUID.randomUUID()).json(body).send();
    }

    private static Api.Answer submit(List<?> items) {
        try {
            return submitJson(JSON.writeValueAsString(Map.of("items", items)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode completed(Api.Answer accepted) {
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        JsonNode[] batch = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            batch[0] = api.get("/api/v1/intake/batches/" + accepted.id()).token(Tokens.intakeSystem()).send().body();
            return "COMPLETED".equals(batch[0].path("status").asString());
        });
        return batch[0];
    }

    private static JsonNode results(JsonNode batch, String query) {
        Api.Answer page = api.get("/api/v1/intake/batches/" + batch.path("id").asString() + "/results" + query)
                .token(Tokens.intakeSystem()).send();
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        return page.body();
    }

    @Test
    void openapi_describes_both_bodies_and_the_paged_results() {
        JsonNode paths = api.get("/v3/api-docs").send().body().path("paths");
        JsonNode submit = paths.path("/api/v1/intake/batches").path("post").path("requestBody").path("content");
        assertThat(submit.has("application/json")).as(submit.toString()).isTrue();
        assertThat(submit.has("text/csv")).as(submit.toString()).isTrue();
        JsonNode results = paths.path("/api/v1/intake/batches/{id}/results").path("get");
        assertThat(results.path("parameters").findValuesAsString("name")).contains("page", "size", "outcome");
    }

    @Test
    void a_zero_opening_balance_is_accepted_as_none() {
        String ref = "ZERO-" + UUID.randomUUID();
        Map<String, Object> item = item(ref);
        item.put("openingInvestedYuan", 0);
        item.put("openingAsOf", "2022-12");
        JsonNode batch = completed(submit(List.of(item)));
        assertThat(batch.path("accepted").asInt()).as(results(batch, "").toString()).isEqualTo(1);
        // proposed (without an opening balance), listed, plan, started, one month
        assertThat(service.storedEventsOf(ProjectIds.forProposal(ref))).isEqualTo(5);
    }

    @Test
    void numbers_that_are_not_sane_and_values_of_the_wrong_type_reject_their_row_naming_the_field() {
        String base = "BAD-" + UUID.randomUUID() + "-";
        String good = "{\"externalRef\":\"" + base + "ok\",\"name\":\"n\",\"sector\":\"ECOLOGY\","
                + "\"regions\":[\"510100\"],\"totalInvestmentYuan\":1000}";
        List<String> rows = List.of(
                good.replace("ok\"", "huge-exponent\"").replace(":1000}", ":1e999999999}"),
                good.replace("ok\"", "over-bound\"").replace(":1000}", ":100000000000001}"),
                good.replace("ok\"", "twenty-digits\"").replace(":1000}", ":99999999999999999999}"),
                good.replace("ok\"", "text-number\"").replace(":1000}", ":\"1000\"}"),
                good.replace("ok\"", "fraction\"").replace(":1000}", ":1000.5}"),
                good.replace("ok\"", "duplicate-key\"").replace(":1000}", ":1000,\"totalInvestmentYuan\":2000}"),
                good.replace("\"name\":\"n\"", "\"name\":\"" + "长".repeat(201) + "\""),
                good.replace("ok\"", "enum-number\"").replace("\"ECOLOGY\"", "3"),
                good.replace("ok\"", "half-surrogate\"").replace("\"name\":\"n\"", "\"name\":\"n\\ud800\""),
                good);
        long events = service.storedEvents();
        JsonNode batch = completed(submitJson("{\"items\":[" + String.join(",", rows) + "]}"));

        assertThat(batch.path("rows").asInt()).isEqualTo(10);
        assertThat(batch.path("rejected").asInt()).isEqualTo(9);
        assertThat(batch.path("accepted").asInt()).isEqualTo(1);
        JsonNode items = results(batch, "?outcome=REJECTED").path("items");
        assertThat(items).hasSize(9);
        for (int i = 0; i < 6; i++) {
            assertThat(items.get(i).path("errors").get(0).path("field").asString()).as(items.get(i).toString())
                    .isIn("totalInvestmentYuan", "item");
        }
        assertThat(items.get(1).path("errors").get(0).path("field").asString()).isEqualTo("totalInvestmentYuan");
        assertThat(items.get(6).path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(items.get(7).path("errors").get(0).path("field").asString()).isEqualTo("sector");
        assertThat(items.get(8).path("errors").get(0).path("field").asString()).as("half of a surrogate pair")
                .isEqualTo("name");
        // sent back as CSV, that row reads U+FFFD where the half was, and the file is whole (its writer threw before)
        Api.Answer csv = api.get("/api/v1/intake/batches/" + batch.path("id").asString() + "/results")
                .token(Tokens.intakeSystem()).header("Accept", "text/csv").send();
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().body()).contains(base + "half-surrogate").contains("n\uFFFD");
        // only the good row's project was stored: one proposal
        assertThat(service.storedEvents()).isEqualTo(events + 1);
    }

    @Test
    void a_row_whose_last_step_is_refused_changes_nothing_for_a_new_or_a_known_project() {
        String ref = "ALL-OR-NOTHING-" + UUID.randomUUID();
        String projectId = ProjectIds.forProposal(ref);
        Map<String, Object> refusedAtTheEnd = item(ref);
        // proposed, listed, plan, started, 2023-02 are fine; completion before the start is refused last
        refusedAtTheEnd.put("completedOn", "2023-01-15");
        JsonNode first = completed(submit(List.of(refusedAtTheEnd)));
        assertThat(first.path("rejected").asInt()).isEqualTo(1);
        assertThat(results(first, "").path("items").get(0).path("errors").get(0).path("field").asString())
                .isEqualTo("completedOn");
        assertThat(service.storedEventsOf(projectId)).isZero();

        JsonNode accepted = completed(submit(List.of(item(ref))));
        assertThat(accepted.path("accepted").asInt()).isEqualTo(1);
        assertThat(service.storedEventsOf(projectId)).isEqualTo(5);

        Map<String, Object> knownRefused = item(ref);
        knownRefused.put("investments", List.of(Map.of("period", "2023-02", "amountYuan", 70_000_000L),
                Map.of("period", "2023-03", "amountYuan", 80_000_000L)));
        knownRefused.put("milestones", List.of(Map.of("name", "主体完工", "reachedOn", "2023-03-20")));
        knownRefused.put("completedOn", "2023-01-20");
        JsonNode second = completed(submit(List.of(knownRefused)));
        assertThat(second.path("rejected").asInt()).isEqualTo(1);
        assertThat(service.storedEventsOf(projectId)).isEqualTo(5);
    }

    @Test
    void an_item_giving_a_month_or_a_milestone_twice_is_rejected_naming_the_repeat_and_changes_nothing() {
        String ref = "TWICE-" + UUID.randomUUID();
        JsonNode accepted = completed(submit(List.of(item(ref))));
        assertThat(accepted.path("accepted").asInt()).isEqualTo(1);
        long stored = service.storedEventsOf(ProjectIds.forProposal(ref));

        Map<String, Object> monthTwice = item(ref);
        monthTwice.put("investments", List.of(Map.of("period", "2023-02", "amountYuan", 1L),
                Map.of("period", "2023-02", "amountYuan", 2L)));
        Map<String, Object> milestoneTwice = item(ref);
        milestoneTwice.put("milestones", List.of(Map.of("name", "主体完工", "reachedOn", "2023-03-20"),
                Map.of("name", " 主体完工 ", "reachedOn", "2023-03-20")));
        // before the change, each resend of the first corrected 2023-02 to 1, then 2, then 1 ... and was ACCEPTED
        for (int send = 0; send < 2; send++) {
            JsonNode batch = completed(submit(List.of(monthTwice, milestoneTwice)));
            assertThat(batch.path("rejected").asInt()).as(results(batch, "").toString()).isEqualTo(2);
            JsonNode items = results(batch, "").path("items");
            assertThat(items.get(0).path("errors").get(0).path("field").asString()).isEqualTo("investments[1].period");
            assertThat(items.get(1).path("errors").get(0).path("field").asString()).isEqualTo("milestones[1].name");
        }
        assertThat(service.storedEventsOf(ProjectIds.forProposal(ref))).isEqualTo(stored);
    }

    @Test
    void an_item_whose_reference_is_typed_in_a_non_canonical_form_is_rejected_and_proposes_no_twin() {
        String ref = "TWIN-" + UUID.randomUUID();
        JsonNode accepted = completed(submit(List.of(item(ref))));
        assertThat(accepted.path("accepted").asInt()).isEqualTo(1);
        String fullWidth = ref.replace("TWIN", "ＴＷＩＮ");

        JsonNode batch = completed(submit(List.of(item(fullWidth), item(ref + "\u200B"))));
        assertThat(batch.path("rejected").asInt()).as(results(batch, "").toString()).isEqualTo(2);
        for (JsonNode row : results(batch, "").path("items")) {
            assertThat(row.path("errors").get(0).path("field").asString()).isEqualTo("externalRef");
        }
        assertThat(service.storedEventsOf(ProjectIds.forProposal(fullWidth))).isZero();
        assertThat(service.storedEventsOf(ProjectIds.forProposal(ref + "\u200B"))).isZero();
    }

    /** A reference stored before the rule keeps its project: the rule refuses new twins, not known projects. */
    @Test
    void a_project_stored_under_a_non_canonical_reference_before_the_rule_is_still_matched() {
        String ref = "ＯＬＤ-" + UUID.randomUUID();
        String id = ProjectIds.forProposal(ref);
        service.bean(org.axonframework.commandhandling.gateway.CommandGateway.class).sendAndWait(
                new cn.shuangcheng.projects.cooperation.api.ProjectCommands.ProposeProjectCommand(id, ref,
                        "成渝中线高铁配套工程", cn.shuangcheng.projects.cooperation.api.Sector.INFRASTRUCTURE, null,
                        List.of("510100", "500112"), List.of(), 5_000_000_000L, null, null, null));

        JsonNode batch = completed(submit(List.of(item(ref))));
        assertThat(batch.path("accepted").asInt()).as(results(batch, "").toString()).isEqualTo(1);
        assertThat(results(batch, "").path("items").get(0).path("projectId").asString()).isEqualTo(id);
        Api.Answer again = api.post("/api/v1/projects").token(Tokens.intakeSystem()).json(Map.of("externalRef", ref,
                "name", "成渝中线高铁配套工程", "sector", "INFRASTRUCTURE", "regions", List.of("510100"),
                "totalInvestmentYuan", 1)).send();
        assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
        assertThat(again.id()).isEqualTo(id);
    }

    @Test
    void a_row_of_a_batch_whose_lease_was_not_renewed_in_time_sends_nothing() throws Exception {
        // the worker asks its lease just before a row's change is sent: one that stalled past it may have been taken
        // over, and its row would land over whatever the new owner and later batches wrote since
        String ref = "STALE-LEASE-" + UUID.randomUUID();
        IntakeItem item = service.bean(IntakeRowBinder.class).bind(JSON.writeValueAsString(item(ref))).item();
        IntakeProcessor processor = service.bean(IntakeProcessor.class);

        assertThatThrownBy(() -> processor.apply(1, item, "intake-system", "batch-" + ref, () -> false))
                .isInstanceOf(InfrastructureUnavailableException.class)
                .cause().hasMessageContaining("is too old to send it under");
        assertThat(service.storedEventsOf(ProjectIds.forProposal(ref))).isZero();

        RowOutcome applied = processor.apply(1, item, "intake-system", "batch-" + ref, () -> true);
        assertThat(applied.outcome()).isEqualTo(RowOutcome.Outcome.ACCEPTED);
        assertThat(service.storedEventsOf(ProjectIds.forProposal(ref))).isEqualTo(5);
    }

    @Test
    void results_are_paged_filtered_and_only_for_the_client_that_sent_the_batch() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> item = item("PAGED-" + UUID.randomUUID());
            if (i % 3 == 0) {
                item.put("regions", List.of("440300"));
            }
            items.add(item);
        }
        JsonNode batch = completed(submit(items));
        assertThat(batch.has("results")).isFalse();
        assertThat(batch.path("processed").asInt()).isEqualTo(7);
        assertThat(batch.path("rejected").asInt()).isEqualTo(3);

        JsonNode second = results(batch, "?page=1&size=3");
        assertThat(second.path("total").asLong()).isEqualTo(7);
        assertThat(second.path("items")).extracting(r -> r.path("row").asInt()).containsExactly(4, 5, 6);
        JsonNode rejected = results(batch, "?outcome=REJECTED&size=2&page=1");
        assertThat(rejected.path("total").asLong()).isEqualTo(3);
        assertThat(rejected.path("items")).extracting(r -> r.path("row").asInt()).containsExactly(7);
        assertThat(rejected.path("items").get(0).path("errors").get(0).path("field").asString()).isEqualTo("regions");

        String path = "/api/v1/intake/batches/" + batch.path("id").asString();
        // 422 naming the field, as every list of the API answers it
        Api.Answer pageTooFar = api.get(path + "/results?page=10001").token(Tokens.intakeSystem()).send();
        assertThat(pageTooFar.status()).isEqualTo(422);
        assertThat(pageTooFar.raw().body()).contains("\"field\":\"page\"");
        Api.Answer sizeTooLarge = api.get(path + "/results?size=501").token(Tokens.intakeSystem()).send();
        assertThat(sizeTooLarge.status()).isEqualTo(422);
        assertThat(sizeTooLarge.raw().body()).contains("\"field\":\"size\"");
        assertThat(api.get(path + "/results?page=99999999999").token(Tokens.intakeSystem()).send().status())
                .isEqualTo(400);
        assertThat(api.get(path + "/results?outcome=LOST").token(Tokens.intakeSystem()).send().status())
                .isEqualTo(400);
        String otherClient = TestTokens.token("intake-system-chongqing", "intake:submit");
        assertThat(api.get(path).token(otherClient).send().status()).isEqualTo(404);
        assertThat(api.get(path + "/results").token(otherClient).send().status()).isEqualTo(404);
        assertThat(api.get(path + "/results").token(otherClient).header("Accept", "text/csv").send().status())
                .isEqualTo(404);
    }

    @Test
    void rejected_rows_come_back_as_csv_ready_to_fix_and_resend() {
        String ref = "CSV-BACK-" + UUID.randomUUID();
        String csv = "externalRef,name,sector,regions,totalInvestmentYuan,listYear,investments\n"
                + ref + "-1,\"=HYPERLINK(\"\"http://x\"\")\",ECOLOGY,440300,1000,2023,2023-02:5\n"
                + ref + "-2,\"两行\r\n名称\",ECOLOGY,510100,12亿,2023,\n"
                + ref + "-3,正常项目,ECOLOGY,510100,1000,2023,\n";
        Api.Answer accepted = api.post("/api/v1/intake/batches").token(Tokens.intakeSystem())
                .header("Idempotency-Key", "csv-" + ref).header("Content-Type", "text/csv").json(csv).send();
        JsonNode batch = completed(accepted);
        assertThat(batch.path("rejected").asInt()).isEqualTo(2);

        Api.Answer back = api.get("/api/v1/intake/batches/" + accepted.id() + "/results").token(Tokens.intakeSystem())
                .header("Accept", "text/csv").send();
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.contentType()).startsWith("text/csv");
        String text = back.raw().body();
        assertThat(text).startsWith("\uFEFF");
        assertThat(text.lines().findFirst().orElseThrow()).contains("externalRef").endsWith("errors\"");
        assertThat(text).contains("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(text).contains("\"两行\r\n名称\"");
        assertThat(text).contains("regions: ").contains("totalInvestmentYuan: ");
        assertThat(text).doesNotContain(ref + "-3");

        // the file as it came back, with the errors column, is itself a valid intake batch
        String fixed = text.replace("440300", "510100").replace("12亿", "1200000000")
                .replace("'=HYPERLINK", "HYPERLINK");
        Api.Answer resent = api.post("/api/v1/intake/batches").token(Tokens.intakeSystem())
                .header("Idempotency-Key", "csv-fixed-" + ref).header("Content-Type", "text/csv").json(fixed).send();
        JsonNode again = completed(resent);
        assertThat(again.path("accepted").asInt()).as(results(again, "").toString()).isEqualTo(2);
    }

    @Test
    void a_csv_batch_over_the_row_limit_is_413_and_leaves_no_rows() {
        StringBuilder csv = new StringBuilder("externalRef,name\n");
        for (int i = 0; i <= 10_000; i++) {
            csv.append("R").append(i).append(",n\n");
        }
        Api.Answer answer = api.post("/api/v1/intake/batches").token(Tokens.intakeSystem())
                .header("Idempotency-Key", "csv-too-many-" + UUID.randomUUID()).header("Content-Type", "text/csv")
                .json(csv.toString()).send();
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(service.intakeRowsWithoutBatch()).isZero();
    }

    @Test
    void malformed_bodies_are_400_and_never_500() {
        for (String body : List.of("{\"items\":[{}", "[]", "{\"items\":{}}", "{\"items\":[]} x",
                "{\"items\":[" + "[".repeat(50) + "]}", "{\"items\":[{\"n\":1" + "0".repeat(100) + "}]}",
                "{\"items\":[],\"items\":[]}")) {
            Api.Answer answer = submitJson(body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void a_poison_record_on_the_intake_topic_is_rejected_and_the_next_record_is_applied() throws Exception {
        String ref = "KAFKA-NEXT-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            // one key: one partition, read in this order
            producer.send(new ProducerRecord<>(service.intakeTopic, ref,
                    "{\"externalRef\":\"" + ref + "\",\"totalInvestmentYuan\":1e999999999}")).get();
            producer.send(new ProducerRecord<>(service.intakeTopic, ref, "\u0000\n{{{" + "x".repeat(500))).get();
            // a principal named in the record is not believed (docs/api-guide.md, "Over Kafka"): the topic's configured
            // one is recorded
            ProducerRecord<String, String> good = new ProducerRecord<>(service.intakeTopic, ref,
                    JSON.writeValueAsString(item(ref)));
            good.headers().add("principal", "mallory".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(good).get();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> service.storedEventsOf(ProjectIds.forProposal(ref)) == 5);
        // the topic is shared by this class's tests: this test's rejections are those under its key
        List<ConsumerRecord<String, String>> rejections = SharedKafka.readRecords(service.rejectionsTopic,
                (int) SharedKafka.recordCount(service.rejectionsTopic), Duration.ofSeconds(60),
                new StringDeserializer()).stream().filter(r -> ref.equals(r.key())).toList();
        assertThat(rejections).hasSize(2);
        assertThat(rejections.get(0).value()).contains("totalInvestmentYuan");
        assertThat(rejections.get(1).value()).contains("cannot be read");
        List<ConsumerRecord<String, byte[]>> events = ProjectTopic.recordsOf(service.topic,
                ProjectIds.forProposal(ref), 5, Duration.ofSeconds(60));
        assertThat(events).extracting(e -> ProjectApiTest.header(e, "ce_principal")).containsOnly("intake-topic");
    }

    @Test
    void a_record_with_a_huge_key_and_no_value_is_rejected_under_a_cut_key_and_its_partition_goes_on() throws Exception {
        String ref = "KAFKA-AFTER-HUGE-KEY-" + UUID.randomUUID();
        String hugeKey = "K".repeat(600_000); // the broker takes it; a rejection carrying it twice it does not
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            // one partition for both, so that a record stuck in retries would hold the next one back
            producer.send(new ProducerRecord<>(service.intakeTopic, 0, hugeKey, null)).get();
            producer.send(new ProducerRecord<>(service.intakeTopic, 0, ref, JSON.writeValueAsString(item(ref)))).get();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> service.storedEventsOf(ProjectIds.forProposal(ref)) == 5);
        List<ConsumerRecord<String, String>> rejections = SharedKafka.readRecords(service.rejectionsTopic,
                (int) SharedKafka.recordCount(service.rejectionsTopic), Duration.ofSeconds(60), new StringDeserializer());
        assertThat(rejections).filteredOn(r -> r.key() != null && r.key().startsWith("KKKK")).singleElement()
                .satisfies(r -> {
                    assertThat(r.key()).hasSize(Bounds.MAX_NAME);
                    assertThat(r.value()).contains("is missing").hasSizeLessThan(2_000);
                });
    }

    @Test
    void a_record_breaking_one_rule_thousands_of_times_is_rejected_in_a_few_reasons_and_its_partition_goes_on()
            throws Exception {
        String ref = "KAFKA-AFTER-BLANKS-" + UUID.randomUUID();
        String within = "WITHIN-" + UUID.randomUUID();
        String beyond = "BEYOND-" + UUID.randomUUID();
        // 1,900 blank regions: under the row's 2,000 values, one broken rule each
        Map<String, Object> blanks = item(within);
        blanks.put("regions", Collections.nCopies(1_900, ""));
        // 20,000 blank regions, 60 kB: their 20,001 reasons, listed whole, made a rejection over the 1 MB Kafka
        // takes, so the record was tried again for ever and its partition stood still
        Map<String, Object> tooMany = item(beyond);
        tooMany.put("regions", Collections.nCopies(20_000, ""));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            // one partition for all three, so that a record stuck in retries would hold the next ones back
            producer.send(new ProducerRecord<>(service.intakeTopic, 0, within, JSON.writeValueAsString(blanks))).get();
            producer.send(new ProducerRecord<>(service.intakeTopic, 0, beyond, JSON.writeValueAsString(tooMany))).get();
            producer.send(new ProducerRecord<>(service.intakeTopic, 0, ref, JSON.writeValueAsString(item(ref)))).get();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> service.storedEventsOf(ProjectIds.forProposal(ref)) == 5);
        List<ConsumerRecord<String, String>> rejections = SharedKafka.readRecords(service.rejectionsTopic,
                (int) SharedKafka.recordCount(service.rejectionsTopic), Duration.ofSeconds(60), new StringDeserializer());
        assertThat(rejections).filteredOn(r -> within.equals(r.key())).singleElement().satisfies(r -> {
            JsonNode errors = JSON.readTree(r.value()).path("errors");
            assertThat(errors).hasSize(IntakeBounds.MAX_ROW_ERRORS + 1);
            assertThat(errors.get(IntakeBounds.MAX_ROW_ERRORS).path("message").asString())
                    .isEqualTo("and " + (1_901 - IntakeBounds.MAX_ROW_ERRORS) + " more reasons, not listed");
        });
        assertThat(rejections).filteredOn(r -> beyond.equals(r.key())).singleElement().satisfies(r -> {
            assertThat(r.value()).contains("Token count").hasSizeLessThan(2_000);
            // the reference is still read from the record, up to which it was within its bounds
            assertThat(JSON.readTree(r.value()).path("externalRef").asString()).isEqualTo(beyond);
        });
    }

    @Test
    void a_rest_row_breaking_one_rule_thousands_of_times_lists_a_few_reasons() {
        Map<String, Object> blanks = item("REST-BLANKS-" + UUID.randomUUID());
        blanks.put("regions", Collections.nCopies(1_900, ""));
        JsonNode batch = completed(submit(List.of(blanks)));

        JsonNode errors = results(batch, "").path("items").get(0).path("errors");
        assertThat(errors).hasSize(IntakeBounds.MAX_ROW_ERRORS + 1);
        assertThat(errors.get(0).path("field").asString()).isEqualTo("regions");
        assertThat(errors.get(IntakeBounds.MAX_ROW_ERRORS).path("message").asString())
                .isEqualTo("and " + (1_901 - IntakeBounds.MAX_ROW_ERRORS) + " more reasons, not listed");
    }
}
