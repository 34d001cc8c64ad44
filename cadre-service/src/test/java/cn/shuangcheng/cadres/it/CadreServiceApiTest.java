package cn.shuangcheng.cadres.it;

import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.application.BatchDirectory;
import cn.shuangcheng.cadres.exchange.application.Registration;
import cn.shuangcheng.cadres.exchange.application.SecondmentRegistrations;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.support.testing.TestTokens;
import cn.shuangcheng.contracts.EventSchemas;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import tools.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.shuangcheng.cadres.it.CadreRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * cadre-service end to end: REST with signed tokens, the MongoDB event store and registry on the stand-in, and
 * publication to the real Kafka broker. The last test searches every Kafka record, every captured log line, every
 * problem answer and the read model for the names and personnel numbers the other tests registered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CadreServiceApiTest {

    private static CadreServiceRig service;
    private static Api api;
    private static LogCapture logs;
    /** Every name and personnel number sent to the service, to be searched for where they must not be. */
    private static final Set<String> PERSONAL_DATA = ConcurrentHashMap.newKeySet();
    /** Every answer that was not a success, to be searched for personal data. */
    private static final List<String> PROBLEMS = Collections.synchronizedList(new ArrayList<>());

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

    // ---- a full secondment lifecycle on the topic ----

    @Test
    @Order(1)
    void a_secondment_from_registration_to_completion_is_published_in_order_with_principal_and_correlation() {
        String batchId = createBatch(3, 2022, "2022-11-01", 50).id();
        String correlationId = UUID.randomUUID().toString();
        Api.Answer registered = api.post("/api/v1/secondments").token(Tokens.clerk())
                .header("X-Correlation-Id", correlationId)
                .json(registration(3, "蒲杰", "SC-2022-0417", "SICHUAN_TO_CHONGQING", "510106", "500113",
                        "2022-11-01", null)).send();
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        assertThat(registered.version()).isZero();
        String id = registered.id();
        assertThat(registered.header("Location")).endsWith("/api/v1/secondments/" + id);
        String base = "/api/v1/secondments/" + id;

        assertThat(write(api.post(base + "/arrival").header("If-Match", "\"0\"")
                .json(Map.of("arrivedOn", "2022-11-03")), 200)).isEqualTo(1);
        Api.Answer contributed = api.post(base + "/contributions").token(Tokens.clerk())
                .json(Map.of("on", "2023-05-20", "category", "PUBLIC_SERVICE", "summary", "推动开通川渝跨省公交线路",
                        "projectIds", List.of("p-chengyu-bus"),
                        "indicators", List.of(Map.of("name", "跨省公交线路", "value", 2, "unit", "条"),
                                Map.of("name", "服务", "value", 140000, "unit", "人次")))).send();
        assertThat(contributed.status()).as(contributed.raw().body()).isEqualTo(201);
        assertThat(contributed.version()).isEqualTo(2);
        String contribution = java.net.URI.create(contributed.header("Location")).getPath();
        // read-your-writes: the Location is followed at once, and answers the version just written as its ETag
        Api.Answer followed = api.get(contribution).token(Tokens.reportReader()).send();
        assertThat(followed.status()).as(followed.raw().body()).isEqualTo(200);
        assertThat(followed.body().path("summary").asString()).isEqualTo("推动开通川渝跨省公交线路");
        assertThat(followed.header("ETag")).isEqualTo("\"2\"");
        Api.Answer secondment = api.get(base).token(Tokens.reportReader()).send();
        assertThat(secondment.status()).as(secondment.raw().body()).isEqualTo(200);
        assertThat(secondment.header("ETag")).isEqualTo("\"2\"");
        assertThat(secondment.body().path("version").asLong()).isEqualTo(2);
        // another aggregate's id (the batch's) is no secondment: 404 at once, not a wait for a view
        Api.Answer notASecondment = api.get("/api/v1/secondments/" + BatchDirectory.idOf(3)).token(Tokens.reportReader())
                .send();
        assertThat(notASecondment.status()).as(notASecondment.raw().body()).isEqualTo(404);
        assertThat(write(api.post(base + "/extension").json(Map.of("endOn", "2024-05-01", "reason", "项目收尾")), 200))
                .isEqualTo(3);
        // a stale If-Match is a conflict and changes nothing
        Api.Answer stale = api.post(base + "/completion").token(Tokens.clerk()).header("If-Match", "\"1\"")
                .json(Map.of("completedOn", "2024-05-01")).send();
        assertThat(stale.status()).isEqualTo(409);
        PROBLEMS.add(stale.raw().body());
        assertThat(write(api.post(base + "/completion").json(Map.of("completedOn", "2024-05-01")), 200)).isEqualTo(4);

        List<ConsumerRecord<String, byte[]>> records = recordsOf(id, 5);
        assertThat(records).extracting(r -> header(r, "ce_type")).containsExactly(
                "shuangcheng.cadre.SecondmentRegistered.v1", "shuangcheng.cadre.CadreArrived.v1",
                "shuangcheng.cadre.ContributionRecorded.v1", "shuangcheng.cadre.SecondmentExtended.v1",
                "shuangcheng.cadre.SecondmentCompleted.v1");
        assertThat(records).extracting(r -> header(r, "ce_sequence")).containsExactly("0", "1", "2", "3", "4");
        assertThat(records).allSatisfy(r -> {
            assertThat(header(r, "ce_source")).isEqualTo("urn:shuangcheng:cadre-service");
            assertThat(header(r, "ce_subject")).isEqualTo(id);
            assertThat(header(r, "ce_principal")).isEqualTo(Tokens.ORGANISATION_DEPARTMENT);
            assertThat(EventSchemas.standard().validate(header(r, "ce_dataschema"), r.value()))
                    .as(header(r, "ce_type")).isEmpty();
        });
        assertThat(header(records.get(0), "ce_correlationid")).isEqualTo(correlationId);
        String registeredJson = new String(records.get(0).value(), StandardCharsets.UTF_8);
        assertThat(registeredJson).contains("\"cadreId\":").contains("\"homeRegion\":\"510106\"")
                .contains("\"endOn\":\"2023-11-01\"");
        assertThat(new String(records.get(2).value(), StandardCharsets.UTF_8))
                .contains("\"value\":140000").contains("\"projectIds\":[\"p-chengyu-bus\"]");

        // the list counts the contributions without carrying them (a 500-item page of 100 each was hundreds of MB)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode listed = api.get("/api/v1/secondments?batchNumber=3").token(Tokens.clerk()).send().body();
            assertThat(listed.path("items")).filteredOn(item -> item.path("id").asString().equals(id)).singleElement()
                    .satisfies(item -> {
                        assertThat(item.path("status").asString()).isEqualTo("COMPLETED");
                        assertThat(item.path("contributionCount").asInt()).isEqualTo(1);
                        assertThat(item.path("contributions").isMissingNode() || item.path("contributions").isNull())
                                .isTrue();
                    });
        });

        List<ConsumerRecord<String, byte[]>> batchRecords = recordsOf(batchId, 2);
        assertThat(batchRecords).extracting(r -> header(r, "ce_type")).containsExactly(
                "shuangcheng.cadre.ExchangeBatchCreated.v1", "shuangcheng.cadre.SecondmentPlaceTaken.v1");
        assertThat(header(batchRecords.get(1), "ce_correlationid")).isEqualTo(correlationId);

        // the place was stored before the secondment, in the same append
        List<Document> stored = service.storedEvents();
        long placeIndex = globalIndexOf(stored, batchId, 1);
        long registeredIndex = globalIndexOf(stored, id, 0);
        assertThat(registeredIndex).isEqualTo(placeIndex + 1);

        // the read model, with names for cadres:pii only
        JsonNode withNames = awaitSecondment(id, Tokens.personnelOfficer(), "COMPLETED");
        assertThat(withNames.at("/cadre/name").asString()).isEqualTo("蒲杰");
        assertThat(withNames.at("/cadre/personnelNo").asString()).isEqualTo("SC-2022-0417");
        assertThat(withNames.at("/cadre/masked").asBoolean()).isFalse();
        assertThat(withNames.path("contributions").size()).isEqualTo(1);
        assertThat(withNames.at("/contributions/0/indicators/1/value").asLong()).isEqualTo(140000);
        assertThat(withNames.at("/contributions/0/category").asString()).isEqualTo("PUBLIC_SERVICE");
        assertThat(withNames.path("endOn").asString()).isEqualTo("2024-05-01");
        assertThat(withNames.path("plannedEndOn").asString()).isEqualTo("2023-11-01");
        assertThat(withNames.path("version").asLong()).isEqualTo(4);

        JsonNode masked = api.get(base).token(Tokens.reportReader()).send().body();
        assertThat(masked.at("/cadre/name").asString()).isEqualTo("蒲*");
        assertThat(masked.at("/cadre/personnelNo").asString()).isEqualTo("S***********");
        assertThat(masked.at("/cadre/masked").asBoolean()).isTrue();
        assertThat(masked.at("/cadre/cadreId").asString()).isEqualTo(withNames.at("/cadre/cadreId").asString());
        assertThat(api.get(base).token(Tokens.clerk()).send().body().at("/cadre/name").asString()).isEqualTo("蒲*");
    }

    // ---- the quota under concurrent requests ----

    @Test
    @Order(2)
    void sixty_parallel_secondments_into_a_quota_of_fifty_accept_exactly_fifty() throws Exception {
        String batchId = createBatch(10, 2024, "2024-11-01", 50).id();
        int requests = 60;
        List<Callable<Api.Answer>> registrations = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String personnelNo = "CQ-Q-" + i;
            String name = "渝" + (char) ('甲' + i) + "明";
            registrations.add(() -> api.post("/api/v1/secondments").token(Tokens.clerk())
                    .json(registration(10, name, personnelNo, "CHONGQING_TO_SICHUAN", "500103", "510104",
                            "2024-11-01", null)).send());
        }
        Map<Integer, Integer> byStatus = new LinkedHashMap<>();
        for (Api.Answer a : atOnce(registrations)) {
            byStatus.merge(a.status(), 1, Integer::sum);
            if (a.status() != 201) {
                PROBLEMS.add(a.raw().body());
                assertThat(a.body().path("detail").asString()).contains("no place left for CHONGQING_TO_SICHUAN");
            }
        }
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(201, 50, 409, 10));

        List<Document> stored = service.storedEvents();
        long places = stored.stream().filter(e -> batchId.equals(e.getString("aggregateIdentifier"))
                && e.getString("payloadType").endsWith("SecondmentPlaceTaken")).count();
        assertThat(places).isEqualTo(50);
        long secondments = stored.stream().filter(e -> e.getString("payloadType").endsWith("SecondmentRegistered")
                && e.toJson().contains("\"batchNumber\": 10")).count();
        assertThat(secondments).isEqualTo(50);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode page = api.get("/api/v1/secondments?batchNumber=10&direction=CHONGQING_TO_SICHUAN&size=20&page=2")
                    .token(Tokens.reportReader()).send().body();
            assertThat(page.path("total").asLong()).isEqualTo(50);
            assertThat(page.path("items").size()).isEqualTo(10);
            assertThat(page.path("page").asInt()).isEqualTo(2);
            assertThat(page.path("size").asInt()).isEqualTo(20);
        });
    }

    // ---- one person never has two overlapping secondments ----

    @Test
    @Order(3)
    void an_overlapping_secondment_of_the_same_person_is_refused_and_a_later_one_accepted() {
        createBatch(4, 2023, "2023-11-01", 50);
        createBatch(5, 2024, "2024-11-01", 50);
        Api.Answer first = register(4, "蒋尧", "CQ-2023-0088", "CHONGQING_TO_SICHUAN", "500152", "510900",
                "2023-11-01", null);
        assertThat(first.status()).isEqualTo(201);

        Api.Answer overlapping = register(5, "蒋尧", "CQ-2023-0088", "CHONGQING_TO_SICHUAN", "500152", "510900",
                "2024-11-01", null);
        assertThat(overlapping.status()).as(overlapping.raw().body()).isEqualTo(201); // back to back: no overlap

        Api.Answer extendOverlapping = api.post("/api/v1/secondments/" + first.id() + "/extension")
                .token(Tokens.clerk()).json(Map.of("endOn", "2024-12-01", "reason", "延期")).send();
        assertThat(extendOverlapping.status()).isEqualTo(409);
        assertThat(extendOverlapping.body().path("detail").asString()).contains("overlap");
        PROBLEMS.add(extendOverlapping.raw().body());

        Api.Answer again = register(5, "蒋尧", "CQ-2023-0088", "CHONGQING_TO_SICHUAN", "500152", "510900",
                "2025-01-01", "2025-06-01");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("type").asString()).isNotBlank();
        assertThat(again.body().path("detail").asString()).contains("overlaps").doesNotContain("蒋尧")
                .doesNotContain("CQ-2023-0088");
        PROBLEMS.add(again.raw().body());

        // the person is found by the personnel number alone: another name is not compared (no oracle), and the
        // overlap is decided as for the registered person
        Api.Answer otherName = register(5, "蒋尧尧", "CQ-2023-0088", "CHONGQING_TO_SICHUAN", "500152", "510900",
                "2025-01-01", "2025-06-01");
        assertThat(otherName.status()).isEqualTo(409);
        assertThat(otherName.body().path("detail").asString()).contains("overlaps");
    }

    @Test
    @Order(4)
    void concurrent_registrations_of_one_person_accept_exactly_one() throws Exception {
        createBatch(6, 2025, "2025-11-01", 50);
        int requests = 6;
        Callable<Api.Answer> registration = () -> register(6, "王传松", "CQ-2025-0003", "CHONGQING_TO_SICHUAN",
                "500104", "510113", "2025-11-01", null);
        Map<Integer, Integer> byStatus = new LinkedHashMap<>();
        for (Api.Answer a : atOnce(Collections.nCopies(requests, registration))) {
            byStatus.merge(a.status(), 1, Integer::sum);
            if (a.status() != 201) {
                PROBLEMS.add(a.raw().body());
            }
        }
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1, 409, requests - 1));
    }

    // ---- rules answered as problems ----

    @Test
    @Order(5)
    void rules_are_answered_with_problem_details_and_change_nothing() {
        String batchId = createBatch(7, 2023, "2023-11-01", 50).id();
        Api.Answer duplicateBatch = api.post("/api/v1/batches").token(Tokens.clerk())
                .json(Map.of("number", 7, "year", 2023, "dispatchedOn", "2023-11-01")).send();
        assertThat(duplicateBatch.status()).isEqualTo(409);
        assertThat(duplicateBatch.header("Content-Type")).startsWith("application/problem+json");

        int before = service.storedEvents().size();
        Api.Answer wrongHome = register(7, "李娜", "SC-7-1", "SICHUAN_TO_CHONGQING", "500113", "500113",
                "2023-11-01", null);
        assertThat(wrongHome.status()).isEqualTo(422);
        assertThat(wrongHome.body().at("/errors/0/field").asString()).isEqualTo("homeRegion");
        Api.Answer wrongHost = register(7, "李娜", "SC-7-1", "SICHUAN_TO_CHONGQING", "510106", "510104",
                "2023-11-01", null);
        assertThat(wrongHost.status()).isEqualTo(422);
        assertThat(wrongHost.body().at("/errors/0/field").asString()).isEqualTo("hostRegion");
        Api.Answer noBatch = register(99, "李娜", "SC-7-1", "SICHUAN_TO_CHONGQING", "510106", "500113",
                "2023-11-01", null);
        assertThat(noBatch.status()).isEqualTo(422);
        Api.Answer nameInPost = register(7, "李娜", "SC-7-1", "SICHUAN_TO_CHONGQING", "510106", "500113",
                "2023-11-01", null, "李娜专班负责人");
        assertThat(nameInPost.status()).isEqualTo(422);
        // a year java.time takes but the events' dates cannot carry: refused, not a 500 nor a published
        // registration whose planned end (+10000-…) breaks the schema for every consumer
        Api.Answer farStart = register(7, "李娜", "SC-7-1", "SICHUAN_TO_CHONGQING", "510106", "500113",
                "+999999999-01-01", null);
        assertThat(farStart.status()).as(farStart.raw().body()).isEqualTo(400);
        assertThat(farStart.body().at("/errors/0/field").asString()).isEqualTo("startOn");
        Api.Answer endsAfter9999 = register(7, "李娜", "SC-7-1", "SICHUAN_TO_CHONGQING", "510106", "500113",
                "9999-06-01", null);
        assertThat(endsAfter9999.status()).as(endsAfter9999.raw().body()).isEqualTo(422);
        assertThat(endsAfter9999.body().at("/errors/0/field").asString()).isEqualTo("startOn");
        // one person, one spelling: a full-width or zero-width twin of a number would register a second cadre,
        // unseen by the overlap rule and left out of the person's erasure
        for (String twin : List.of("ＳＣ-７-１", "SC-7\u200B-1")) {
            Api.Answer spelled = register(7, "李娜", twin, "SICHUAN_TO_CHONGQING", "510106", "500113",
                    "2023-11-01", null);
            assertThat(spelled.status()).as(spelled.raw().body()).isEqualTo(422);
            assertThat(spelled.body().at("/errors/0/field").asString()).isEqualTo("cadre.personnelNo");
        }
        assertThat(service.storedEvents()).hasSize(before);
        PROBLEMS.addAll(List.of(wrongHome.raw().body(), wrongHost.raw().body(), noBatch.raw().body(), nameInPost.raw().body(),
                farStart.raw().body(), endsAfter9999.raw().body()));

        // a functional zone (重庆高新区, CQ-GXQ) is on the side of its parent; hostPost may be null
        Api.Answer zone = register(7, "胡怡", "CQ-7-2", "CHONGQING_TO_SICHUAN", "CQ-GXQ", "510100", "2023-11-01",
                null);
        assertThat(zone.status()).as(zone.raw().body()).isEqualTo(201);
        String base = "/api/v1/secondments/" + zone.id();

        Api.Answer notOnPost = api.post(base + "/contributions").token(Tokens.clerk())
                .json(Map.of("on", "2023-12-01", "category", "FINANCE", "summary", "对接融资")).send();
        assertThat(notOnPost.status()).isEqualTo(409);
        Api.Answer early = api.post(base + "/arrival").token(Tokens.clerk())
                .json(Map.of("arrivedOn", "2023-10-31")).send();
        assertThat(early.status()).isEqualTo(422);
        assertThat(api.post(base + "/arrival").token(Tokens.clerk()).json(Map.of("arrivedOn", "2023-11-02")).send()
                .status()).isEqualTo(200);
        Api.Answer namedSummary = api.post(base + "/contributions").token(Tokens.clerk())
                .json(Map.of("on", "2023-12-01", "category", "FINANCE", "summary", "胡怡牵头对接融资")).send();
        assertThat(namedSummary.status()).isEqualTo(422);
        assertThat(namedSummary.raw().body()).doesNotContain("胡怡");
        // every free text the event carries: the project ids and an indicator's unit as well
        Api.Answer namedProject = api.post(base + "/contributions").token(Tokens.clerk())
                .json(Map.of("on", "2023-12-01", "category", "FINANCE", "summary", "对接融资",
                        "projectIds", List.of("CY-1", "胡怡的项目"))).send();
        assertThat(namedProject.status()).as(namedProject.raw().body()).isEqualTo(422);
        assertThat(namedProject.body().at("/errors/0/field").asString()).isEqualTo("projectIds[1]");
        Api.Answer numberedUnit = api.post(base + "/contributions").token(Tokens.clerk())
                .json(Map.of("on", "2023-12-01", "category", "FINANCE", "summary", "对接融资", "indicators",
                        List.of(Map.of("name", "融资", "value", 2, "unit", "CQ-7-2")))).send();
        assertThat(numberedUnit.status()).as(numberedUnit.raw().body()).isEqualTo(422);
        assertThat(numberedUnit.body().at("/errors/0/field").asString()).isEqualTo("indicators[0].unit");
        PROBLEMS.addAll(List.of(namedProject.raw().body(), numberedUnit.raw().body()));
        Api.Answer outside = api.post(base + "/contributions").token(Tokens.clerk())
                .json(Map.of("on", "2025-01-01", "category", "FINANCE", "summary", "对接融资")).send();
        assertThat(outside.status()).isEqualTo(422);
        int beforeHostileIndicators = service.storedEvents().size();
        for (String value : List.of("1e999999999", "100E2147483647", "1E-999999999", "0.0000001",
                "12345678901234567890", "-1")) {
            Api.Answer hostile = api.post(base + "/contributions").token(Tokens.clerk())
                    .json("{\"on\":\"2023-12-01\",\"category\":\"FINANCE\",\"summary\":\"对接融资\","
                            + "\"indicators\":[{\"name\":\"x\",\"value\":" + value + ",\"unit\":\"u\"}]}").send();
            assertThat(hostile.status()).as(value + ": " + hostile.raw().body()).isEqualTo(422);
            assertThat(hostile.body().at("/errors/0/field").asString()).isEqualTo("indicators[0].value");
        }
        assertThat(service.storedEvents()).hasSize(beforeHostileIndicators);
        Api.Answer unknownCategory = api.post(base + "/contributions").token(Tokens.clerk())
                .json(Map.of("on", "2023-12-01", "category", "LOTTERY", "summary", "对接融资")).send();
        assertThat(unknownCategory.status()).isEqualTo(400);
        Api.Answer shorter = api.post(base + "/extension").token(Tokens.clerk())
                .json(Map.of("endOn", "2024-10-01", "reason", "缩短")).send();
        assertThat(shorter.status()).isEqualTo(422);
        assertThat(api.post(base + "/early-end").token(Tokens.clerk())
                .json(Map.of("endedOn", "2024-06-30", "reason", "工作需要")).send().status()).isEqualTo(200);
        Api.Answer afterEnd = api.post(base + "/completion").token(Tokens.clerk())
                .json(Map.of("completedOn", "2024-07-01")).send();
        assertThat(afterEnd.status()).isEqualTo(409);
        Api.Answer unknown = api.post("/api/v1/secondments/" + UUID.randomUUID() + "/arrival").token(Tokens.clerk())
                .json(Map.of("arrivedOn", "2023-11-02")).send();
        assertThat(unknown.status()).isEqualTo(404);
        Api.Answer batchAsSecondment = api.post("/api/v1/secondments/" + batchId + "/arrival")
                .token(Tokens.clerk()).json(Map.of("arrivedOn", "2023-11-02")).send();
        assertThat(batchAsSecondment.status()).as(batchAsSecondment.raw().body()).isEqualTo(404);
        PROBLEMS.addAll(List.of(notOnPost.raw().body(), early.raw().body(), namedSummary.raw().body(), outside.raw().body(),
                unknownCategory.raw().body(), shorter.raw().body(), afterEnd.raw().body(), unknown.raw().body()));
        assertThat(PROBLEMS).allSatisfy(p -> assertThat(p).contains("\"status\""));
    }

    @Test
    @Order(6)
    void scopes_decide_who_writes_who_reads_and_who_sees_names() {
        createBatch(8, 2023, "2023-11-01", 50);
        Api.Answer noToken = api.post("/api/v1/secondments").json(registration(8, "赵敏", "SC-8-1",
                "SICHUAN_TO_CHONGQING", "510106", "500113", "2023-11-01", null)).send();
        assertThat(noToken.status()).isEqualTo(401);
        Api.Answer reader = api.post("/api/v1/secondments").token(Tokens.reportReader()).json(registration(8, "赵敏",
                "SC-8-1", "SICHUAN_TO_CHONGQING", "510106", "500113", "2023-11-01", null)).send();
        assertThat(reader.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/secondments").token(Tokens.projectsOnly()).send().status()).isEqualTo(403);
        assertThat(api.get("/api/v1/secondments").send().status()).isEqualTo(401);
        PROBLEMS.addAll(List.of(noToken.raw().body(), reader.raw().body()));

        String id = register(8, "欧阳娜娜", "SC-8-2", "SICHUAN_TO_CHONGQING", "510106", "500113", "2023-11-01",
                null).id();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.get(
                "/api/v1/secondments?batchNumber=8&status=REGISTERED").token(Tokens.reportReader()).send().body()
                .path("total").asLong()).isEqualTo(1));
        JsonNode masked = api.get("/api/v1/secondments?batchNumber=8").token(Tokens.reportReader()).send().body();
        assertThat(masked.at("/items/0/id").asString()).isEqualTo(id);
        assertThat(masked.at("/items/0/cadre/name").asString()).isEqualTo("欧***");
        assertThat(masked.at("/items/0/cadre/personnelNo").asString()).isEqualTo("S*****");
        JsonNode clear = api.get("/api/v1/secondments?batchNumber=8").token(Tokens.personnelOfficer()).send().body();
        assertThat(clear.at("/items/0/cadre/name").asString()).isEqualTo("欧阳娜娜");
        assertThat(api.get("/api/v1/secondments?size=501").token(Tokens.reportReader()).send().status())
                .isIn(400, 422);
        assertThat(api.get("/v3/api-docs").send().raw().body()).contains("/api/v1/secondments/{id}/early-end")
                .contains("/api/v1/batches").contains("cadres:pii");
    }

    @Test
    @Order(7)
    void a_batch_is_read_back_by_its_number_by_those_who_may_read_secondments() {
        Api.Answer created = createBatch(9, 2024, "2024-11-01", 40);
        String id = created.id();
        String location = java.net.URI.create(created.header("Location")).getPath();
        assertThat(location).as("the batch is read by its number").isEqualTo("/api/v1/batches/9");

        Api.Answer batch = api.get(location).token(Tokens.reportReader()).send();
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.header("ETag")).isEqualTo("\"0\"");
        assertThat(batch.body().path("placesTaken").toString())
                .isEqualTo("{\"SICHUAN_TO_CHONGQING\":0,\"CHONGQING_TO_SICHUAN\":0}");
        assertThat(batch.body().path("id").asString()).isEqualTo(id);
        assertThat(batch.body().path("number").asInt()).isEqualTo(9);
        assertThat(batch.body().path("year").asInt()).isEqualTo(2024);
        assertThat(batch.body().path("dispatchedOn").asString()).isEqualTo("2024-11-01");
        assertThat(batch.body().path("quotaPerDirection").asInt()).isEqualTo(40);
        assertThat(batch.body().path("termMonths").asInt()).isEqualTo(12);
        assertThat(api.get("/api/v1/batches/9").token(Tokens.personnelOfficer()).send().status()).isEqualTo(200);
        assertThat(register(9, "甘霖", "SC-2024-0909", "SICHUAN_TO_CHONGQING", "510100", "500112", "2024-11-01", null)
                .status()).isEqualTo(201);
        Api.Answer afterOne = api.get(location).token(Tokens.reportReader()).send();
        assertThat(afterOne.header("ETag")).isEqualTo("\"1\"");
        assertThat(afterOne.body().path("version").asLong()).isEqualTo(1);
        assertThat(afterOne.body().path("placesTaken").path("SICHUAN_TO_CHONGQING").asInt()).isEqualTo(1);

        Api.Answer missing = api.get("/api/v1/batches/98").token(Tokens.clerk()).send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/batches/9").token(Tokens.projectsOnly()).send().status()).isEqualTo(403);
        assertThat(api.get("/api/v1/batches/9").send().status()).isEqualTo(401);
        assertThat(api.get("/v3/api-docs").send().raw().body()).contains("/api/v1/batches/{number}");
    }

    /** A client that got no clear answer (a 503, a lost connection) sends the same contribution again. */
    @Test
    @Order(8)
    void a_contribution_sent_again_with_its_idempotency_key_is_recorded_once() {
        createBatch(11, 2023, "2023-11-01", 50);
        Api.Answer registered = register(11, "贺川", "SC-2023-1111", "SICHUAN_TO_CHONGQING", "510100", "500112",
                "2023-11-01", null);
        String base = "/api/v1/secondments/" + registered.id();
        assertThat(write(api.post(base + "/arrival").json(Map.of("arrivedOn", "2023-11-02")), 200)).isEqualTo(1);
        Map<String, Object> contribution = Map.of("on", "2023-12-01", "category", "FINANCE", "summary", "对接融资",
                "indicators", List.of(Map.of("name", "融资", "value", 3, "unit", "亿元")));
        String key = UUID.randomUUID().toString();
        int before = service.storedEvents().size();

        Api.Answer first = api.post(base + "/contributions").token(Tokens.clerk()).header("Idempotency-Key", key)
                .header("If-Match", "\"1\"").json(contribution).send();
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        // sent again as it was, stale If-Match included: the first answer, and nothing recorded
        Api.Answer again = api.post(base + "/contributions").token(Tokens.clerk()).header("Idempotency-Key", key)
                .header("If-Match", "\"1\"").json(contribution).send();
        assertThat(again.status()).as(again.raw().body()).isEqualTo(201);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.version()).isEqualTo(first.version()).isEqualTo(2);
        assertThat(service.storedEvents()).hasSize(before + 1);

        Api.Answer reused = api.post(base + "/contributions").token(Tokens.clerk()).header("Idempotency-Key", key)
                .json(Map.of("on", "2023-12-02", "category", "FINANCE", "summary", "对接融资")).send();
        assertThat(reused.status()).as(reused.raw().body()).isEqualTo(422);
        assertThat(reused.body().at("/errors/0/field").asString()).isEqualTo("Idempotency-Key");
        // a key is the caller's own: another caller's same key is another request
        Api.Answer otherCaller = api.post(base + "/contributions")
                .token(TestTokens.token("chongqing-organisation-clerk", "cadres:write"))
                .header("Idempotency-Key", key).json(contribution).send();
        assertThat(otherCaller.status()).as(otherCaller.raw().body()).isEqualTo(201);
        assertThat(otherCaller.header("Location")).isNotEqualTo(first.header("Location"));
        for (String hostile : List.of("k".repeat(201), " ")) {
            Api.Answer refused = api.post(base + "/contributions").token(Tokens.clerk())
                    .header("Idempotency-Key", hostile).json(contribution).send();
            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
            PROBLEMS.add(refused.raw().body());
        }
        assertThat(service.storedEvents()).hasSize(before + 2);
        Api.Answer read = api.get(base).token(Tokens.reportReader()).send();
        assertThat(read.body().path("contributions").size()).isEqualTo(2);
    }

    /**
     * A client that got no clear answer to a registration sends it again: without a key it would be refused as an
     * overlap with the secondment it registered, and never learn that secondment's id.
     */
    @Test
    @Order(9)
    void a_registration_sent_again_with_its_idempotency_key_answers_the_secondment_it_registered() {
        createBatch(12, 2023, "2023-11-01", 50);
        Map<String, Object> body = registration(12, "严川渝", "CQ-2023-1212", "CHONGQING_TO_SICHUAN", "500104",
                "510113", "2023-11-01", null);
        String key = UUID.randomUUID().toString();
        Api.Answer first = registerUnder(key, body);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        int stored = service.storedEvents().size();

        Api.Answer again = registerUnder(key, body);
        assertThat(again.status()).as(again.raw().body()).isEqualTo(201);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(service.storedEvents()).as("nothing stored again").hasSize(stored);
        assertThat(api.get("/api/v1/batches/12").token(Tokens.clerk()).send().body()
                .at("/placesTaken/CHONGQING_TO_SICHUAN").asInt()).isEqualTo(1);

        // the key again with another request, of the person (another post) or of another person, is refused,
        // before the other person is registered
        Map<String, Object> otherPost = new LinkedHashMap<>(body);
        otherPost.put("hostPost", "挂任处长");
        Map<String, Object> otherPerson = registration(12, "严川蜀", "CQ-2023-1213", "CHONGQING_TO_SICHUAN", "500104",
                "510113", "2023-11-01", null);
        for (Map<String, Object> other : List.of(otherPost, otherPerson)) {
            Api.Answer reused = registerUnder(key, other);
            assertThat(reused.status()).as(reused.raw().body()).isEqualTo(422);
            assertThat(reused.body().at("/errors/0/field").asString()).isEqualTo("Idempotency-Key");
            PROBLEMS.add(reused.raw().body());
        }
        assertThat(service.storedEvents()).hasSize(stored);
        assertThat(service.documents("cadres", new Document("personnelNo", "CQ-2023-1213"))).isEmpty();

        // without the key, the same registration is another one: it overlaps the first
        Api.Answer unkeyed = api.post("/api/v1/secondments").token(Tokens.clerk()).json(body).send();
        assertThat(unkeyed.status()).as(unkeyed.raw().body()).isEqualTo(409);
        PROBLEMS.add(unkeyed.raw().body());
    }

    /**
     * The person's personal data is erased, and then the client's retry of the registration arrives: it answers the
     * secondment it registered, and neither stores the name and number again nor registers the person anew.
     */
    @Test
    @Order(11)
    void a_registration_sent_again_after_the_persons_erasure_answers_its_secondment_and_stores_no_name() {
        createBatch(14, 2023, "2023-11-01", 50);
        Map<String, Object> body = registration(14, "冯渝川", "CQ-2023-1414", "CHONGQING_TO_SICHUAN", "500104",
                "510113", "2023-11-01", null);
        String key = UUID.randomUUID().toString();
        Api.Answer first = registerUnder(key, body);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        String cadreId = awaitSecondment(first.id(), Tokens.personnelOfficer(), "REGISTERED").at("/cadre/cadreId")
                .asString();
        assertThat(api.delete("/api/v1/cadres/" + cadreId + "/personal-data").token(Tokens.personnelOfficer())
                .send().status()).isEqualTo(204);
        int stored = service.storedEvents().size();

        Api.Answer again = registerUnder(key, body);

        assertThat(again.status()).as(again.raw().body()).isEqualTo(201);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(service.documents("cadres", new Document("personnelNo", "CQ-2023-1414"))).isEmpty();
        assertThat(service.storedEvents()).hasSize(stored);
        assertThat(api.get("/api/v1/batches/14").token(Tokens.clerk()).send().body()
                .at("/placesTaken/CHONGQING_TO_SICHUAN").asInt()).isEqualTo(1);
    }

    /**
     * A first registration is still being carried out (noted, nothing stored yet) when its person is erased, and the
     * retry arrives: it must not claim the erased number anew beside a first that may still land.
     */
    @Test
    @Order(12)
    void a_retry_whose_first_is_undecided_and_whose_person_was_erased_meanwhile_is_409_until_it_is_decided() {
        String batchId = createBatch(15, 2023, "2023-11-01", 50).id();
        CadreRegistry registry = service.bean(CadreRegistry.class);
        String cadreId = registry.claim("冉渝蓉", "CQ-2023-1515");
        PERSONAL_DATA.addAll(List.of("冉渝蓉", "CQ-2023-1515"));
        String requestId = UUID.randomUUID().toString();
        String undecided = UUID.randomUUID().toString();
        registry.addSecondment(cadreId, undecided, batchId, requestId);
        registry.erase(cadreId, "joint-office-personnel");
        Registration retry = new Registration(15, "冉渝蓉", "CQ-2023-1515", Direction.CHONGQING_TO_SICHUAN,
                "重庆市发展改革委", "500104", "四川省发展改革委", "510113", null, LocalDate.of(2023, 11, 1), null);

        assertThatThrownBy(() -> service.bean(SecondmentRegistrations.class).register(retry, requestId))
                .isInstanceOf(StateConflictException.class);
        assertThat(service.documents("cadres", new Document("personnelNo", "CQ-2023-1515"))).isEmpty();

        // decided with nothing stored (as the sweep settles a place whose secondment never came): the retry goes on,
        // as any registration of the number after an erasure would
        registry.settle(cadreId, undecided);
        assertThat(service.bean(SecondmentRegistrations.class).register(retry, requestId).id()).isNotEqualTo(undecided);
        assertThat(service.documents("cadres", new Document("personnelNo", "CQ-2023-1515"))).hasSize(1);
    }

    /**
     * The same request sent several times at once (a client and its proxy both retrying): one registers, the others
     * are refused as overlapping it (409) or answer the same secondment, and the secondment is whole: one
     * registration, one place, and its later writes find its person.
     */
    @Test
    @Order(10)
    void a_registration_sent_again_while_the_first_is_being_stored_leaves_the_first_whole() throws Exception {
        createBatch(13, 2023, "2023-11-01", 50);
        Map<String, Object> body = registration(13, "成渝同", "CQ-2023-1313", "CHONGQING_TO_SICHUAN", "500104",
                "510113", "2023-11-01", null);
        String key = UUID.randomUUID().toString();
        Callable<Api.Answer> registration = () -> registerUnder(key, body);
        Set<String> ids = new HashSet<>();
        for (Api.Answer a : atOnce(Collections.nCopies(6, registration))) {
            assertThat(a.status()).as(a.raw().body()).isIn(201, 409);
            if (a.status() == 201) {
                ids.add(a.id());
            } else {
                PROBLEMS.add(a.raw().body());
            }
        }
        assertThat(ids).hasSize(1);
        String id = ids.iterator().next();
        assertThat(service.storedEvents().stream().filter(e -> id.equals(e.getString("aggregateIdentifier"))))
                .hasSize(1);
        assertThat(api.get("/api/v1/batches/13").token(Tokens.clerk()).send().body()
                .at("/placesTaken/CHONGQING_TO_SICHUAN").asInt()).as("one place").isEqualTo(1);
        Document person = service.documents("cadres", new Document("personnelNo", "CQ-2023-1313")).get(0);
        assertThat(person.getList("secondmentIds", String.class)).containsExactly(id);
        assertThat(person.getList("pending", Document.class)).as("every attempt decided").isEmpty();
        assertThat(write(api.post("/api/v1/secondments/" + id + "/arrival").json(Map.of("arrivedOn", "2023-11-02")),
                200)).as("the person still holds the secondment").isEqualTo(1);
        Api.Answer later = registerUnder(key, body);
        assertThat(later.status()).as(later.raw().body()).isEqualTo(201);
        assertThat(later.id()).isEqualTo(id);
    }

    // ---- personal data stays in cadre-service ----

    @Test
    @Order(100)
    void no_kafka_record_log_line_problem_answer_or_read_model_document_carries_a_name_or_personnel_number() {
        assertThat(PERSONAL_DATA).contains("蒲杰", "蒋尧", "胡怡", "SC-2022-0417").hasSizeGreaterThan(60);
        int stored = service.storedEvents().size();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> SharedKafka.recordCount(service.topic) >= stored);
        List<ConsumerRecord<String, byte[]>> records = SharedKafka.readRecords(service.topic, stored,
                Duration.ofSeconds(30));
        assertThat(records).hasSize(stored);
        for (ConsumerRecord<String, byte[]> record : records) {
            assertNoPersonalData("Kafka record " + record.partition() + "/" + record.offset(),
                    CadreRecords.asText(record));
        }

        List<String> lines = logs.lines();
        assertThat(lines).as("captured log lines").isNotEmpty();
        for (String line : lines) {
            assertNoPersonalData("log line", line);
        }
        for (String problem : PROBLEMS) {
            assertNoPersonalData("problem answer", problem);
        }
        for (String view : service.collectionAsJson("secondment_views")) {
            assertNoPersonalData("read model", view);
        }
        for (String event : service.collectionAsJson("domainevents")) {
            assertNoPersonalData("event store", event);
        }
        // ...while the registry holds them
        assertThat(String.join("\n", service.collectionAsJson("cadres"))).contains("蒲杰", "SC-2022-0417");
    }

    private static void assertNoPersonalData(String where, String text) {
        for (String personal : PERSONAL_DATA) {
            assertThat(text).as(where).doesNotContain(personal);
        }
    }

    // ---- helpers ----

    /** A registration sent with an Idempotency-Key, as the joint office's clerk. */
    private static Api.Answer registerUnder(String key, Map<String, Object> body) {
        return api.post("/api/v1/secondments").token(Tokens.clerk()).header("Idempotency-Key", key).json(body).send();
    }

    /** Sends the requests at once, each on its own thread released by one latch; their answers, in order. */
    private static List<Api.Answer> atOnce(List<Callable<Api.Answer>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Answer>> sent = new ArrayList<>();
            for (Callable<Api.Answer> request : requests) {
                sent.add(pool.submit(() -> {
                    go.await();
                    return request.call();
                }));
            }
            go.countDown();
            List<Api.Answer> answers = new ArrayList<>();
            for (Future<Api.Answer> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    private static Api.Answer createBatch(int number, int year, String dispatchedOn, int quota) {
        Api.Answer created = api.post("/api/v1/batches").token(Tokens.clerk()).json(Map.of("number", number,
                "year", year, "dispatchedOn", dispatchedOn, "quotaPerDirection", quota)).send();
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created;
    }

    private static Api.Answer register(int batch, String name, String personnelNo, String direction, String home,
                                       String host, String startOn, String endOn) {
        return register(batch, name, personnelNo, direction, home, host, startOn, endOn, "挂任副主任");
    }

    private static Api.Answer register(int batch, String name, String personnelNo, String direction, String home,
                                       String host, String startOn, String endOn, String hostPost) {
        Map<String, Object> body = registration(batch, name, personnelNo, direction, home, host, startOn, endOn);
        body.put("hostPost", hostPost);
        Api.Answer answer = api.post("/api/v1/secondments").token(Tokens.clerk()).json(body).send();
        if (answer.status() >= 400) {
            PROBLEMS.add(answer.raw().body());
        }
        return answer;
    }

    private static Map<String, Object> registration(int batch, String name, String personnelNo, String direction,
                                                    String home, String host, String startOn, String endOn) {
        PERSONAL_DATA.add(name);
        PERSONAL_DATA.add(personnelNo);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchNumber", batch);
        body.put("cadre", Map.of("name", name, "personnelNo", personnelNo));
        body.put("direction", direction);
        body.put("homeUnit", "派出单位");
        body.put("homeRegion", home);
        body.put("hostUnit", "接收单位");
        body.put("hostRegion", host);
        body.put("hostPost", null);
        body.put("startOn", startOn);
        if (endOn != null) {
            body.put("endOn", endOn);
        }
        return body;
    }

    private static long write(Api.Request request, int expectedStatus) {
        Api.Answer answer = request.token(Tokens.clerk()).send();
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(expectedStatus);
        return answer.version();
    }

    private static JsonNode awaitSecondment(String id, String token, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Api.Answer answer = api.get("/api/v1/secondments/" + id).token(token).send();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("status").asString()).isEqualTo(status);
            found[0] = answer.body();
        });
        return found[0];
    }

    private static long globalIndexOf(List<Document> stored, String aggregateId, long sequence) {
        return stored.stream().filter(e -> aggregateId.equals(e.getString("aggregateIdentifier"))
                        && ((Number) e.get("sequenceNumber")).longValue() == sequence)
                .map(e -> ((Number) e.get("_id")).longValue()).findFirst().orElseThrow();
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(String key, int count) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found.clear();
            long total = SharedKafka.recordCount(service.topic);
            SharedKafka.readRecords(service.topic, (int) total, Duration.ofSeconds(10)).stream()
                    .filter(r -> key.equals(r.key())).forEach(found::add);
            assertThat(found).hasSizeGreaterThanOrEqualTo(count);
        });
        return found.subList(0, count);
    }

}
