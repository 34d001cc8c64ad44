package cn.shuangcheng.cadres.it;

import java.time.Instant;
import cn.shuangcheng.cadres.erasure.PersonalDataErasure;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.contracts.EventSchemas;
import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import tools.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.shuangcheng.cadres.it.CadreRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The right to deletion (PIPL Art. 47) end to end: after {@code DELETE /api/v1/cadres/{cadreId}/personal-data} no
 * MongoDB collection of the service, no record on the cadre topic, no log line and no API answer holds the person's
 * name or personnel number, while the secondment and its contributions stay. Also: a refused registration leaves no
 * personal data behind, and a registration's answer does not tell whether a name matches a personnel number.
 */
class PersonalDataErasureTest {

    private static CadreServiceRig service;
    private static Api api;
    private static LogCapture logs;

    @BeforeAll
    static void start() {
        service = new CadreServiceRig().start();
        api = service.api();
        logs = new LogCapture();
    }

    @AfterAll
    static void stop() {
        logs.close();
        service.close();
    }

    @Test
    void after_erasure_no_collection_kafka_record_log_line_or_answer_holds_the_name_or_personnel_number() {
        createBatch(21, 2023, 50);
        String name = "柏思远";
        String personnelNo = "SC-ERASE-2023-0901";
        List<String> answers = new ArrayList<>();
        Api.Answer registered = register(21, name, personnelNo, "SICHUAN_TO_CHONGQING", "510106", "500113",
                "2023-11-01", null);
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String base = "/api/v1/secondments/" + registered.id();
        assertThat(api.post(base + "/arrival").token(Tokens.clerk()).json(Map.of("arrivedOn", "2023-11-03")).send()
                .status()).isEqualTo(200);
        assertThat(api.post(base + "/contributions").token(Tokens.clerk()).json(Map.of("on", "2024-03-01",
                "category", "FINANCE", "summary", "对接融资", "projectIds", List.of("p-1"))).send().status())
                .isEqualTo(201);
        JsonNode before = awaitContributions(base, 1);
        assertThat(before.at("/cadre/name").asString()).isEqualTo(name);
        String cadreId = before.at("/cadre/cadreId").asString();

        Api.Answer erased = api.delete("/api/v1/cadres/" + cadreId + "/personal-data")
                .token(Tokens.personnelOfficer()).send();
        assertThat(erased.status()).as(erased.raw().body()).isEqualTo(204);
        Api.Answer again = api.delete("/api/v1/cadres/" + cadreId + "/personal-data")
                .token(Tokens.personnelOfficer()).send();
        assertThat(again.status()).as("erasing twice").isEqualTo(204);
        answers.add(erased.raw().body());
        answers.add(again.raw().body());

        // every view shows the person as erased, with the secondment and its contribution as they were
        for (String token : List.of(Tokens.personnelOfficer(), Tokens.reportReader(), Tokens.clerk())) {
            Api.Answer one = api.get(base).token(token).send();
            assertThat(one.status()).isEqualTo(200);
            answers.add(one.raw().body());
            JsonNode cadre = one.body().path("cadre");
            assertThat(cadre.path("cadreId").asString()).isEqualTo(cadreId);
            assertThat(cadre.path("erased").asBoolean()).as(one.raw().body()).isTrue();
            assertThat(cadre.path("masked").asBoolean()).isTrue();
            assertThat(cadre.path("name").asString()).isEqualTo("***");
            assertThat(cadre.path("personnelNo").asString()).isEqualTo("***");
            assertThat(one.body().path("status").asString()).isEqualTo("ON_POST");
            assertThat(one.body().path("contributions").size()).isEqualTo(1);
            Api.Answer list = api.get("/api/v1/secondments?batchNumber=21").token(token).send();
            assertThat(list.body().at("/items/0/cadre/erased").asBoolean()).isTrue();
            answers.add(list.raw().body());
        }

        // the erasure is recorded once, with who did it, and published; the event carries no personal data
        List<Document> erasures = erasureEventsOf(cadreId);
        assertThat(erasures).hasSize(1);
        ConsumerRecord<String, byte[]> published = awaitRecord(cadreId);
        assertThat(header(published, "ce_type")).isEqualTo("shuangcheng.cadre.CadrePersonalDataErased.v1");
        assertThat(header(published, "ce_principal")).isEqualTo("joint-office-personnel");
        assertThat(EventSchemas.standard().validate(header(published, "ce_dataschema"), published.value())).isEmpty();
        assertThat(new String(published.value(), StandardCharsets.UTF_8))
                .contains("\"cadreId\":\"" + cadreId + "\"").contains("\"principal\":\"joint-office-personnel\"");

        assertNowhere(List.of(name, personnelNo), answers);
    }

    @Test
    void erasure_needs_cadres_pii_and_a_cadre_that_exists() {
        Api.Answer unknown = api.delete("/api/v1/cadres/" + UUID.randomUUID() + "/personal-data")
                .token(Tokens.personnelOfficer()).send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        Api.Answer hostile = api.delete("/api/v1/cadres/%24where/personal-data").token(Tokens.personnelOfficer())
                .send();
        assertThat(hostile.status()).isEqualTo(404);

        createBatch(22, 2023, 50);
        Api.Answer registered = register(22, "华承宇", "SC-ERASE-0002", "SICHUAN_TO_CHONGQING", "510106", "500113",
                "2023-11-01", null);
        JsonNode view = awaitView("/api/v1/secondments/" + registered.id());
        String cadreId = view.at("/cadre/cadreId").asString();
        Api.Answer clerk = api.delete("/api/v1/cadres/" + cadreId + "/personal-data").token(Tokens.clerk()).send();
        assertThat(clerk.status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/cadres/" + cadreId + "/personal-data").send().status()).isEqualTo(401);
        assertThat(api.get("/api/v1/secondments/" + registered.id()).token(Tokens.personnelOfficer()).send().body()
                .at("/cadre/name").asString()).as("nothing erased by the refused calls").isEqualTo("华承宇");
    }

    @Test
    void a_refused_registration_leaves_no_personal_data() {
        createBatch(23, 2023, 1);
        Api.Answer first = register(23, "龚一帆", "CQ-ERASE-0003", "CHONGQING_TO_SICHUAN", "500103", "510104",
                "2023-11-01", null);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);

        Api.Answer noPlace = register(23, "韦晓岚", "CQ-ERASE-0004", "CHONGQING_TO_SICHUAN", "500103", "510104",
                "2023-11-01", null);
        assertThat(noPlace.status()).as(noPlace.raw().body()).isEqualTo(409);
        Api.Answer wrongRegion = register(23, "鲁晨曦", "SC-ERASE-0005", "SICHUAN_TO_CHONGQING", "500113", "500113",
                "2023-11-01", null);
        assertThat(wrongRegion.status()).as(wrongRegion.raw().body()).isEqualTo(422);

        assertNoCollectionHolds(List.of("韦晓岚", "CQ-ERASE-0004", "鲁晨曦", "SC-ERASE-0005"));
        assertThat(String.join("\n", service.everyCollectionAsJson().get("cadres")))
                .as("the accepted registration is in the registry").contains("龚一帆", "CQ-ERASE-0003");
    }

    /**
     * A caller who sends a known personnel number with another name gets exactly the answer of an unknown number:
     * the registry resolves a person by the number alone and never answers on the name.
     */
    @Test
    void a_registration_does_not_tell_whether_a_name_matches_a_personnel_number() {
        createBatch(24, 2023, 1);
        createBatch(25, 2025, 50);
        Api.Answer known = register(24, "卓文静", "CQ-ORACLE-0006", "CHONGQING_TO_SICHUAN", "500103", "510104",
                "2023-11-01", null);
        assertThat(known.status()).isEqualTo(201);

        // refused either way (the batch is full), with a period that does not overlap the known person's
        Api.Answer knownNumberOtherName = register(24, "卓文", "CQ-ORACLE-0006", "CHONGQING_TO_SICHUAN", "500103",
                "510104", "2025-01-01", null);
        Api.Answer unknownNumber = register(24, "卓文", "CQ-ORACLE-0007", "CHONGQING_TO_SICHUAN", "500103",
                "510104", "2025-01-01", null);
        assertThat(knownNumberOtherName.status()).isEqualTo(409);
        assertThat(problem(knownNumberOtherName)).isEqualTo(problem(unknownNumber));

        Api.Answer later = register(25, "卓文", "CQ-ORACLE-0006", "CHONGQING_TO_SICHUAN", "500103", "510104",
                "2025-11-01", null);
        assertThat(later.status()).as(later.raw().body()).isEqualTo(201);
        JsonNode view = awaitView("/api/v1/secondments/" + later.id());
        assertThat(view.at("/cadre/cadreId").asString()).as("the same person, found by the number")
                .isEqualTo(awaitView("/api/v1/secondments/" + known.id()).at("/cadre/cadreId").asString());
        assertThat(view.at("/cadre/name").asString()).as("the registered name stays").isEqualTo("卓文静");
    }

    /**
     * The process died after erasing the registry entry and before recording the event, and the caller did not
     * erase again: the repair records it, with the principal and time of the erasure, once.
     */
    @Test
    void an_erasure_whose_process_died_before_its_audit_event_gets_it_from_the_repair() {
        createBatch(26, 2023, 50);
        Api.Answer registered = register(26, "任知秋", "SC-ERASE-2023-0926", "SICHUAN_TO_CHONGQING", "510106",
                "500113", "2023-11-01", null);
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String cadreId = awaitView("/api/v1/secondments/" + registered.id()).at("/cadre/cadreId").asString();
        CadreRegistry.Erasure erased = service.bean(CadreRegistry.class).erase(cadreId, "joint-office-personnel")
                .orElseThrow(); // the registry step alone, as a process killed right after it leaves it
        PersonalDataErasure erasure = service.bean(PersonalDataErasure.class);
        assertThat(erasure.recordMissing(erased.erasedAt())).as("not before it is settled").isZero();
        assertThat(erasureEventsOf(cadreId)).isEmpty();

        assertThat(erasure.recordMissing(erased.erasedAt().plusMillis(1))).isEqualTo(1);
        assertThat(erasure.recordMissing(erased.erasedAt().plusMillis(1))).as("once").isZero();
        List<Document> recorded = erasureEventsOf(cadreId);
        assertThat(recorded).hasSize(1);
        Document payload = (Document) recorded.get(0).get("payload");
        assertThat(payload.getString("principal")).isEqualTo("joint-office-personnel");
        assertThat(Instant.parse(String.valueOf(payload.get("erasedAt")))).as("the erasure's time, not the repair's")
                .isEqualTo(erased.erasedAt());
    }

    private static List<Document> erasureEventsOf(String cadreId) {
        return service.storedEvents().stream()
                .filter(e -> e.getString("payloadType").endsWith("CadrePersonalDataErased"))
                .filter(e -> cadreId.equals(e.getString("aggregateIdentifier"))).toList();
    }

    // ---- searching for personal data ----

    private static void assertNowhere(List<String> personal, List<String> answers) {
        assertNoCollectionHolds(personal);

        int stored = service.storedEvents().size();
        await().atMost(Duration.ofSeconds(60)).until(() -> SharedKafka.recordCount(service.topic) >= stored);
        List<ConsumerRecord<String, byte[]>> records = SharedKafka.readRecords(service.topic,
                (int) SharedKafka.recordCount(service.topic), Duration.ofSeconds(30));
        assertThat(records).hasSizeGreaterThanOrEqualTo(stored);
        System.out.println("scanned for personal data: " + records.size() + " Kafka records, "
                + logs.lines().size() + " log lines, " + answers.size() + " API answers");
        for (ConsumerRecord<String, byte[]> record : records) {
            assertHoldsNone("Kafka record " + record.partition() + "/" + record.offset(), CadreRecords.asText(record),
                    personal);
        }

        List<String> lines = logs.lines();
        assertThat(lines).as("captured log lines").isNotEmpty();
        for (String line : lines) {
            assertHoldsNone("log line", line, personal);
        }
        for (String answer : answers) {
            assertHoldsNone("API answer", answer, personal);
        }
    }

    private static void assertNoCollectionHolds(List<String> personal) {
        Map<String, List<String>> collections = service.everyCollectionAsJson();
        assertThat(collections).containsKeys("cadres", "secondment_views", "domainevents");
        StringBuilder scanned = new StringBuilder("scanned for personal data:");
        collections.forEach((collection, documents) -> scanned.append(' ').append(collection).append('=')
                .append(documents.size()));
        System.out.println(scanned);
        collections.forEach((collection, documents) -> {
            for (String document : documents) {
                assertHoldsNone("collection " + collection, document, personal);
            }
        });
    }

    private static void assertHoldsNone(String where, String text, List<String> personal) {
        for (String value : personal) {
            assertThat(text).as(where).doesNotContain(value);
        }
    }

    // ---- helpers ----

    private static Map<String, Object> problem(Api.Answer answer) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("status", answer.status());
        shown.put("type", answer.body().path("type").asString());
        shown.put("title", answer.body().path("title").asString());
        shown.put("detail", answer.body().path("detail").asString());
        shown.put("errors", answer.body().path("errors").toString());
        return shown;
    }

    private static void createBatch(int number, int year, int quota) {
        Api.Answer created = api.post("/api/v1/batches").token(Tokens.clerk()).json(Map.of("number", number,
                "year", year, "dispatchedOn", year + "-11-01", "quotaPerDirection", quota)).send();
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    }

    private static Api.Answer register(int batch, String name, String personnelNo, String direction, String home,
                                       String host, String startOn, String endOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchNumber", batch);
        body.put("cadre", Map.of("name", name, "personnelNo", personnelNo));
        body.put("direction", direction);
        body.put("homeUnit", "派出单位");
        body.put("homeRegion", home);
        body.put("hostUnit", "接收单位");
        body.put("hostRegion", host);
        body.put("startOn", startOn);
        if (endOn != null) {
            body.put("endOn", endOn);
        }
        return api.post("/api/v1/secondments").token(Tokens.clerk()).json(body).send();
    }

    private static JsonNode awaitView(String path) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Answer answer = api.get(path).token(Tokens.personnelOfficer()).send();
            assertThat(answer.status()).isEqualTo(200);
            found[0] = answer.body();
        });
        return found[0];
    }

    private static JsonNode awaitContributions(String path, int count) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Answer answer = api.get(path).token(Tokens.personnelOfficer()).send();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("contributions").size()).isEqualTo(count);
            found[0] = answer.body();
        });
        return found[0];
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found.clear();
            long total = SharedKafka.recordCount(service.topic);
            SharedKafka.readRecords(service.topic, (int) total, Duration.ofSeconds(10)).stream()
                    .filter(r -> key.equals(r.key())).forEach(found::add);
            assertThat(found).hasSize(1);
        });
        return found.get(0);
    }
}
