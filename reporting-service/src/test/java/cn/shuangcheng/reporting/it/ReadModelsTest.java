package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import tools.jackson.databind.JsonNode;

/**
 * reporting-service end to end on the real broker and the Mongo stand-in: CloudEvents in, read models and reports
 * out over HTTP with real tokens. The tests build on one another's data (ordered), as a running service does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadModelsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ReportingRig rig;
    private static ContractEvents events;
    private static String p1;
    private static String p2;
    private static String p3;
    private static String p4;
    private static String p5;

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

    private static void project(String id, String event, String json) {
        events.send(rig.projectTopic, "project", id, event, json);
    }

    private static String proposal(String id, String sector, String platform, String regions, long total,
                                   String opening) {
        return "{\"projectId\":\"" + id + "\",\"name\":\"项目" + id.substring(0, 4) + "\",\"sector\":\"" + sector
                + "\",\"platform\":" + (platform == null ? "null" : "\"" + platform + "\"") + ",\"regions\":[" + regions
                + "],\"leadUnits\":[\"川渝联合办\"],\"totalInvestmentYuan\":" + total + opening + "}";
    }

    private static void listed(String id, int year) {
        project(id, "ProjectListed", "{\"projectId\":\"" + id + "\",\"listYear\":" + year + "}");
    }

    private static void plan(String id, int year, long yuan) {
        project(id, "AnnualPlanSet", "{\"projectId\":\"" + id + "\",\"year\":" + year + ",\"amountYuan\":" + yuan + "}");
    }

    private static void started(String id, String on) {
        project(id, "ProjectStarted", "{\"projectId\":\"" + id + "\",\"startedOn\":\"" + on + "\"}");
    }

    private static void invested(String id, String period, long yuan) {
        project(id, "InvestmentRecorded", "{\"projectId\":\"" + id + "\",\"period\":\"" + period + "\",\"amountYuan\":" + yuan + "}");
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static void awaitEvents(String projectId, int count) {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rig.diagnostics(projectId).path("eventCount").asInt()).isEqualTo(count);
        });
    }

    /**
     * The made-up year 2023, as of June (asOf=2023-06). Four projects on the 2023 list, one only on 2024's:
     * <pre>
     * P1 INFRASTRUCTURE GAOZHU  regions 510100, 500112   total 100亿     plan 12亿   started 2023-03-15
     *    months 01: 1亿, 03: 2.5亿, 05: 3亿 corrected to 3.5亿, 07: 4亿 (after asOf)
     *    → in year to June 7亿 = 700,000,000; cumulative 700,000,000
     * P2 INFRASTRUCTURE SUITONG  region CQ-GXQ (rolls up to 500000)  total 5628亿  plan 200亿  started 2021-06-01
     *    opening 1500亿 as of 2022-12; months 02: 90亿, 04: 80亿, 06: 4,123,456,789
     *    → in year 21,123,456,789 (≥ plan: at plan); cumulative 150,000,000,000 + 21,123,456,789 = 171,123,456,789
     * P3 MODERN_INDUSTRY GAOZHU  region SC-TFXQ (rolls up to 510100)  total 30亿  plan 8亿  started 2023-07-10 (after)
     *    month 07: 0.5亿 (after asOf) → 0 in year, 0 cumulative, not started by June
     * P4 MODERN_INDUSTRY no platform  region 500112  total 10亿  plan 3亿  started 2022-10-01 completed 2023-05-20
     *    opening 5亿 as of 2022-12; months 01: 1.5亿, 02: 1.5亿 → in year 3亿 (= plan: at plan); cumulative 8亿
     * P5 INFRASTRUCTURE listed 2024 only: not in the statement
     *
     * Total: projects 4, started 3 (P1 P2 P4), allStarted false, completed 1 (P4), atOrOverPlan 2 (P2 P4)
     *   total 100+5628+30+10 = 5768亿 = 576,800,000,000; plan 12+200+8+3 = 223亿 = 22,300,000,000
     *   in year 700,000,000 + 21,123,456,789 + 0 + 300,000,000 = 22,123,456,789 → "221.23"
     *   rate 22,123,456,789 / 22,300,000,000 = 0.99208… → 0.9921; points (0.99208… − 1) × 100 = −0.79… → −0.8
     *   cumulative 700,000,000 + 171,123,456,789 + 0 + 800,000,000 = 172,623,456,789 → "1726.23"
     * </pre>
     */
    @Test
    @Order(1)
    void portfolioOfAMadeUpYearMatchesTheHandComputedFigures() {
        p1 = id(); p2 = id(); p3 = id(); p4 = id(); p5 = id();
        project(p1, "ProjectProposed", proposal(p1, "INFRASTRUCTURE", "GAOZHU", "\"510100\",\"500112\"", 10_000_000_000L, ""));
        listed(p1, 2023);
        plan(p1, 2023, 1_200_000_000L);
        started(p1, "2023-03-15");
        invested(p1, "2023-01", 100_000_000L);
        invested(p1, "2023-03", 250_000_000L);
        invested(p1, "2023-05", 300_000_000L);
        project(p1, "InvestmentCorrected", "{\"projectId\":\"" + p1 + "\",\"period\":\"2023-05\",\"amountYuan\":350000000,"
                + "\"previousAmountYuan\":300000000,\"reason\":\"统计口径调整\"}");
        invested(p1, "2023-07", 400_000_000L);

        project(p2, "ProjectProposed", proposal(p2, "INFRASTRUCTURE", "SUITONG", "\"CQ-GXQ\"", 562_800_000_000L,
                ",\"openingInvestedYuan\":150000000000,\"openingAsOf\":\"2022-12\""));
        listed(p2, 2022);
        listed(p2, 2023);
        plan(p2, 2023, 20_000_000_000L);
        started(p2, "2021-06-01");
        invested(p2, "2023-02", 9_000_000_000L);
        invested(p2, "2023-04", 8_000_000_000L);
        invested(p2, "2023-06", 4_123_456_789L);

        project(p3, "ProjectProposed", proposal(p3, "MODERN_INDUSTRY", "GAOZHU", "\"SC-TFXQ\"", 3_000_000_000L, ""));
        listed(p3, 2023);
        plan(p3, 2023, 800_000_000L);
        started(p3, "2023-07-10");
        invested(p3, "2023-07", 50_000_000L);

        project(p4, "ProjectProposed", proposal(p4, "MODERN_INDUSTRY", null, "\"500112\"", 1_000_000_000L,
                ",\"openingInvestedYuan\":500000000,\"openingAsOf\":\"2022-12\""));
        listed(p4, 2023);
        plan(p4, 2023, 300_000_000L);
        started(p4, "2022-10-01");
        invested(p4, "2023-01", 150_000_000L);
        invested(p4, "2023-02", 150_000_000L);
        project(p4, "ProjectCompleted", "{\"projectId\":\"" + p4 + "\",\"completedOn\":\"2023-05-20\"}");

        project(p5, "ProjectProposed", proposal(p5, "INFRASTRUCTURE", "GAOZHU", "\"510100\"", 7_000_000_000L, ""));
        listed(p5, 2024);
        invested(p5, "2023-03", 999_000_000L);

        awaitEvents(p1, 9);
        awaitEvents(p2, 8);
        awaitEvents(p3, 5);
        awaitEvents(p4, 7);
        awaitEvents(p5, 3);

        JsonNode statement = rig.json("/api/v1/reports/portfolio?year=2023&asOf=2023-06");
        assertThat(statement.path("year").asInt()).isEqualTo(2023);
        assertThat(statement.path("asOf").asString()).isEqualTo("2023-06");
        assertFigures(statement.path("total"), 4, 3, false, 1, 2, 576_800_000_000L, "5768.00", 22_300_000_000L, "223.00",
                22_123_456_789L, "221.23", "0.9921", "-0.8", 172_623_456_789L, "1726.23");

        JsonNode infra = find(statement.path("bySector"), "INFRASTRUCTURE");
        // P1 + P2: in year 700,000,000 + 21,123,456,789; plan 12亿 + 200亿; rate 1.02941… ; points 2.94…
        assertFigures(infra, 2, 2, true, 0, 1, 572_800_000_000L, "5728.00", 21_200_000_000L, "212.00",
                21_823_456_789L, "218.23", "1.0294", "2.9", 171_823_456_789L, "1718.23");
        JsonNode industry = find(statement.path("bySector"), "MODERN_INDUSTRY");
        // P3 + P4: 3亿 of 11亿 = 0.272727… ; points −72.7272… → −72.7
        assertFigures(industry, 2, 1, false, 1, 1, 4_000_000_000L, "40.00", 1_100_000_000L, "11.00",
                300_000_000L, "3.00", "0.2727", "-72.7", 800_000_000L, "8.00");

        JsonNode gaozhu = find(statement.path("byPlatform"), "GAOZHU");
        // P1 + P3: 7亿 of 20亿 = 0.35 → "0.3500", points −65.0
        assertFigures(gaozhu, 2, 1, false, 0, 0, 13_000_000_000L, "130.00", 2_000_000_000L, "20.00",
                700_000_000L, "7.00", "0.3500", "-65.0", 700_000_000L, "7.00");
        JsonNode suitong = find(statement.path("byPlatform"), "SUITONG");
        // P2 alone: 21,123,456,789 / 20,000,000,000 = 1.05617… → 1.0562; points 5.617… → 5.6
        assertFigures(suitong, 1, 1, true, 0, 1, 562_800_000_000L, "5628.00", 20_000_000_000L, "200.00",
                21_123_456_789L, "211.23", "1.0562", "5.6", 171_123_456_789L, "1711.23");
        JsonNode noPlatform = find(statement.path("byPlatform"), null);
        assertThat(noPlatform.path("projects").asLong()).isEqualTo(1);
        assertThat(noPlatform.path("completedInYearYuan").asLong()).isEqualTo(300_000_000L);

        // byRegion: P1 counts in full in 510100 and 500112; P3 (SC-TFXQ) rolls up to 510100, P2 (CQ-GXQ) to 500000
        JsonNode chengdu = find(statement.path("byRegion"), "510100");
        assertThat(chengdu.path("name").asString()).isEqualTo("成都市");
        assertFigures(chengdu, 2, 1, false, 0, 0, 13_000_000_000L, "130.00", 2_000_000_000L, "20.00",
                700_000_000L, "7.00", "0.3500", "-65.0", 700_000_000L, "7.00");
        JsonNode yubei = find(statement.path("byRegion"), "500112");
        // P1 + P4: 10亿 of 15亿 = 0.6667; points −33.3; cumulative 7亿 + 8亿
        assertFigures(yubei, 2, 2, true, 1, 1, 11_000_000_000L, "110.00", 1_500_000_000L, "15.00",
                1_000_000_000L, "10.00", "0.6667", "-33.3", 1_500_000_000L, "15.00");
        JsonNode chongqing = find(statement.path("byRegion"), "500000");
        assertThat(chongqing.path("projects").asLong()).isEqualTo(1);
        assertThat(chongqing.path("cumulativeInvestedYuan").asLong()).isEqualTo(171_123_456_789L);
        assertThat(statement.path("byRegion")).hasSize(3);

        // default asOf: all of 2023 (P1's July 4亿 and P3's July 0.5亿 now count; P3 has started)
        JsonNode fullYear = rig.json("/api/v1/reports/portfolio?year=2023").path("total");
        assertThat(fullYear.path("completedInYearYuan").asLong()).isEqualTo(22_123_456_789L + 400_000_000L + 50_000_000L);
        assertThat(fullYear.path("started").asLong()).isEqualTo(4);
        assertThat(fullYear.path("allStarted").asBoolean()).isTrue();

        var csv = rig.get("/api/v1/reports/portfolio?year=2023&asOf=2023-06", "text/csv", "reports:read");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(csv.body()).contains("2023,2023-06,total,,,4,3,false,1,2,576800000000,5768.00,22300000000,223.00,"
                + "22123456789,221.23,0.9921,-0.8,172623456789,1726.23");
    }

    private static JsonNode find(JsonNode groups, String key) {
        for (JsonNode group : groups) {
            if (key == null ? group.path("key").isNull() : key.equals(group.path("key").asString())) {
                return group;
            }
        }
        throw new AssertionError("no group " + key + " in " + groups);
    }

    private static void assertFigures(JsonNode f, long projects, long started, boolean allStarted, long completed,
                                      long atOrOverPlan, long total, String totalYi, long plan, String planYi,
                                      long inYear, String inYearYi, String rate, String points, long cumulative,
                                      String cumulativeYi) {
        assertThat(f.path("projects").asLong()).as("projects").isEqualTo(projects);
        assertThat(f.path("started").asLong()).as("started").isEqualTo(started);
        assertThat(f.path("allStarted").asBoolean()).as("allStarted").isEqualTo(allStarted);
        assertThat(f.path("completed").asLong()).as("completed").isEqualTo(completed);
        assertThat(f.path("atOrOverPlan").asLong()).as("atOrOverPlan").isEqualTo(atOrOverPlan);
        assertThat(f.path("totalInvestmentYuan").asLong()).as("total").isEqualTo(total);
        assertThat(f.path("totalInvestmentYi").asString()).isEqualTo(totalYi);
        assertThat(f.path("annualPlanYuan").asLong()).as("plan").isEqualTo(plan);
        assertThat(f.path("annualPlanYi").asString()).isEqualTo(planYi);
        assertThat(f.path("completedInYearYuan").asLong()).as("inYear").isEqualTo(inYear);
        assertThat(f.path("completedInYearYi").asString()).isEqualTo(inYearYi);
        // JSON numbers carry no trailing zeros once parsed; the CSV assertion checks the exact text ("0.9921")
        assertThat(f.path("completionRate").decimalValue()).as("rate").isEqualByComparingTo(new java.math.BigDecimal(rate));
        assertThat(f.path("pointsOverTarget").decimalValue()).as("points").isEqualByComparingTo(new java.math.BigDecimal(points));
        assertThat(f.path("cumulativeInvestedYuan").asLong()).as("cumulative").isEqualTo(cumulative);
        assertThat(f.path("cumulativeInvestedYi").asString()).isEqualTo(cumulativeYi);
    }

    @Test
    @Order(2)
    void projectReadModelListsFiltersAndTimeline() {
        JsonNode one = rig.json("/api/v1/projects/" + p1);
        assertThat(one.path("status").asString()).isEqualTo("STARTED");
        assertThat(one.path("startedOn").asString()).isEqualTo("2023-03-15");
        assertThat(one.path("investedToDateYuan").asLong()).isEqualTo(1_100_000_000L); // 1 + 2.5 + 3.5 + 4 亿
        assertThat(one.path("annualPlans").get(0).path("amountYuan").asLong()).isEqualTo(1_200_000_000L);
        assertThat(one.path("investments")).hasSize(4);
        assertThat(one.path("investments").get(2).path("amountYuan").asLong()).isEqualTo(350_000_000L);
        assertThat(one.path("investments").get(2).path("corrections").asInt()).isEqualTo(1);
        JsonNode diagnostics = rig.diagnostics(p1);
        assertThat(diagnostics.path("lastSequence").asLong()).isEqualTo(8);
        assertThat(diagnostics.path("gaps").path("count").asInt()).isZero();
        assertThat(one.has("lastSequence")).as("an admin view's field, not the partner's").isFalse();
        assertThat(rig.json("/api/v1/projects/" + p2).path("investedToDateYuan").asLong()).isEqualTo(171_123_456_789L);

        assertThat(ids(rig.json("/api/v1/projects?region=500000"))).containsExactly(p2);
        assertThat(ids(rig.json("/api/v1/projects?region=510100"))).containsExactlyInAnyOrder(p1, p3, p5);
        assertThat(ids(rig.json("/api/v1/projects?year=2023&sector=MODERN_INDUSTRY"))).containsExactlyInAnyOrder(p3, p4);
        assertThat(ids(rig.json("/api/v1/projects?status=COMPLETED"))).containsExactly(p4);
        JsonNode page = rig.json("/api/v1/projects?year=2023&size=3&page=1");
        assertThat(page.path("total").asLong()).isEqualTo(4);
        assertThat(page.path("items")).hasSize(1);
        assertThat(rig.get("/api/v1/projects?size=501", "application/json", "reports:read").statusCode()).isEqualTo(422);
        assertThat(rig.get("/api/v1/projects/unknown", "application/json", "reports:read").statusCode()).isEqualTo(404);
        assertThat(rig.get("/api/v1/projects", "application/json", "projects:write").statusCode()).isEqualTo(403);

        JsonNode timeline = rig.json("/api/v1/projects/" + p1 + "/timeline?size=5&page=1");
        assertThat(timeline.path("total").asLong()).isEqualTo(9);
        assertThat(timeline.path("items").get(0).path("sequence").asLong()).isEqualTo(5);
        assertThat(timeline.path("items").get(1).path("type").asString()).isEqualTo("shuangcheng.project.InvestmentRecorded.v1");
        assertThat(timeline.path("items").get(2).path("type").asString()).isEqualTo("shuangcheng.project.InvestmentCorrected.v1");
        assertThat(timeline.path("items").get(2).path("principal").asString()).isEqualTo("office-clerk");
        assertThat(timeline.path("items").get(2).path("data").path("amountYuan").asLong()).isEqualTo(350_000_000L);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    @Test
    @Order(3)
    void everyOtherEventTypeIsAppliedIncludingTheThreeListsAndCadres() {
        String p6 = id();
        project(p6, "ProjectProposed", proposal(p6, "ECOLOGY", "MINGYUESHAN", "\"500112\"", 2_000_000_000L, ""));
        listed(p6, 2024);
        project(p6, "MilestoneReached", "{\"projectId\":\"" + p6 + "\",\"name\":\"环评批复\",\"reachedOn\":\"2024-02-01\",\"note\":null}");
        project(p6, "ProjectSuspended", "{\"projectId\":\"" + p6 + "\",\"reason\":\"汛期\"}");
        awaitEvents(p6, 4);
        assertThat(rig.json("/api/v1/projects/" + p6).path("status").asString()).isEqualTo("SUSPENDED");
        project(p6, "ProjectResumed", "{\"projectId\":\"" + p6 + "\",\"reason\":\"汛期结束\"}");
        awaitEvents(p6, 5);
        JsonNode resumed = rig.json("/api/v1/projects/" + p6);
        assertThat(resumed.path("status").asString()).isEqualTo("APPROVED");
        assertThat(resumed.path("milestones").get(0).path("name").asString()).isEqualTo("环评批复");
        String p7 = id();
        project(p7, "ProjectProposed", proposal(p7, "PUBLIC_SERVICE", null, "\"510100\"", 100_000_000L, ""));
        project(p7, "ProjectCancelled", "{\"projectId\":\"" + p7 + "\",\"reason\":\"合并入其他项目\"}");
        awaitEvents(p7, 2);
        assertThat(rig.json("/api/v1/projects/" + p7).path("status").asString()).isEqualTo("CANCELLED");

        String[] items = {id(), id(), id(), id(), id()};
        String[] lists = {"POLICY_NEED", "POLICY_NEED", "AGREED_MATTER", "AGREED_MATTER", "WORK_RESULT"};
        String[] due = {"2023-01-31", "2099-01-01", "2023-03-31", "2023-03-31", "2023-03-31"};
        for (int i = 0; i < items.length; i++) {
            events.send(rig.projectTopic, "project", items[i], "AgendaItemCreated", "{\"agendaItemId\":\"" + items[i]
                    + "\",\"list\":\"" + lists[i] + "\",\"title\":\"事项" + i + "\",\"source\":\"联席会议\",\"ownerUnits\":[\"发改委\"],"
                    + "\"dueOn\":\"" + due[i] + "\",\"projectIds\":[]}");
        }
        events.send(rig.projectTopic, "project", items[0], "AgendaItemProgressed", "{\"agendaItemId\":\"" + items[0] + "\",\"note\":\"推进中\"}");
        events.send(rig.projectTopic, "project", items[2], "AgendaItemDelivered", "{\"agendaItemId\":\"" + items[2] + "\",\"note\":null}");
        events.send(rig.projectTopic, "project", items[3], "AgendaItemDropped", "{\"agendaItemId\":\"" + items[3] + "\",\"note\":\"不再需要\"}");
        events.send(rig.projectTopic, "project", items[4], "AgendaItemDelivered", "{\"agendaItemId\":\"" + items[4] + "\",\"note\":null}");
        events.send(rig.projectTopic, "project", items[4], "AgendaItemVerified", "{\"agendaItemId\":\"" + items[4] + "\",\"note\":\"已核验\"}");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode agenda = rig.json("/api/v1/reports/agenda?asOf=2023-06-30");
            assertThat(agenda.path("lists").toString())
                    // item 0 in progress and past due → overdue; item 1 open, due 2099; item 2 delivered; item 3 dropped
                    .contains("{\"list\":\"POLICY_NEED\",\"open\":1,\"inProgress\":1,\"delivered\":0,\"verified\":0,\"dropped\":0,\"overdue\":1}")
                    .contains("{\"list\":\"AGREED_MATTER\",\"open\":0,\"inProgress\":0,\"delivered\":1,\"verified\":0,\"dropped\":1,\"overdue\":0}")
                    .contains("{\"list\":\"WORK_RESULT\",\"open\":0,\"inProgress\":0,\"delivered\":0,\"verified\":1,\"dropped\":0,\"overdue\":0}");
        });
        assertThat(rig.get("/api/v1/reports/agenda?asOf=2023-06-30", "text/csv", "reports:read").body())
                .contains("2023-06-30,POLICY_NEED,1,1,0,0,0,1");

        String batch = id();
        String s1 = id();
        String s2 = id();
        cadre(batch, "ExchangeBatchCreated", "{\"batchId\":\"" + batch + "\",\"number\":3,\"year\":2023,"
                + "\"dispatchedOn\":\"2023-03-01\",\"quotaPerDirection\":50,\"termMonths\":12}");
        cadre(s1, "SecondmentRegistered", secondment(s1, batch, "SICHUAN_TO_CHONGQING"));
        cadre(s1, "CadreArrived", "{\"secondmentId\":\"" + s1 + "\",\"arrivedOn\":\"2023-03-05\"}");
        cadre(s1, "ContributionRecorded", "{\"secondmentId\":\"" + s1 + "\",\"contributionId\":\"c1\",\"on\":\"2023-05-01\","
                + "\"category\":\"INFRASTRUCTURE\",\"summary\":\"协调用地\",\"projectIds\":[\"" + p1 + "\",\"" + p2 + "\"],\"indicators\":[]}");
        cadre(s1, "SecondmentExtended", "{\"secondmentId\":\"" + s1 + "\",\"endOn\":\"2024-06-30\",\"previousEndOn\":\"2024-02-29\",\"reason\":\"项目需要\"}");
        cadre(s2, "SecondmentRegistered", secondment(s2, batch, "SICHUAN_TO_CHONGQING"));
        cadre(s2, "CadreArrived", "{\"secondmentId\":\"" + s2 + "\",\"arrivedOn\":\"2023-03-06\"}");
        cadre(s2, "ContributionRecorded", "{\"secondmentId\":\"" + s2 + "\",\"contributionId\":\"c2\",\"on\":\"2023-05-02\","
                // p2 again, as cadre-service stored it before it normalised ids: still one linked project
                + "\"category\":\"INFRASTRUCTURE\",\"summary\":\"招商\",\"projectIds\":[\" " + p2.toUpperCase()
                + " \"],\"indicators\":[]}");
        cadre(s2, "SecondmentEndedEarly", "{\"secondmentId\":\"" + s2 + "\",\"endedOn\":\"2023-09-01\",\"reason\":\"调任\"}");
        String s3 = id();
        cadre(s3, "SecondmentRegistered", secondment(s3, batch, "CHONGQING_TO_SICHUAN"));
        cadre(s3, "SecondmentCompleted", "{\"secondmentId\":\"" + s3 + "\",\"completedOn\":\"2024-03-01\",\"reason\":\"期满\"}");
        await().atMost(WAIT).untilAsserted(() -> {
            var report = rig.get("/api/v1/reports/cadre-exchange", "application/json", "reports:read");
            assertThat(report.body())
                    .contains("{\"batchNumber\":3,\"direction\":\"CHONGQING_TO_SICHUAN\",\"dispatched\":1,\"onPost\":0,\"completed\":1,\"endedEarly\":0,\"contributions\":0,\"linkedProjects\":0}")
                    .contains("{\"batchNumber\":3,\"direction\":\"SICHUAN_TO_CHONGQING\",\"dispatched\":2,\"onPost\":1,\"completed\":0,\"endedEarly\":1,\"contributions\":2,\"linkedProjects\":2}")
                    .doesNotContain("cadre-");
        });
        assertThat(rig.get("/api/v1/reports/cadre-exchange", "text/csv", "reports:read").body())
                .contains("3,SICHUAN_TO_CHONGQING,2,1,0,1,2,2");

        // an erasure of a cadre's personal data is applied (not dead-lettered) and changes no report
        String report = rig.get("/api/v1/reports/cadre-exchange", "application/json", "reports:read").body();
        String erasedCadre = "cadre-" + s1;
        cadre(erasedCadre, "CadrePersonalDataErased", "{\"cadreId\":\"" + erasedCadre
                + "\",\"principal\":\"joint-office-personnel\",\"erasedAt\":\"2026-12-03T22:37:09.123Z\"}");
        await().atMost(WAIT).untilAsserted(() -> assertThat(erasedCadres(rig.bean(ReadModelStore.class).activeGeneration()))
                .containsExactly(erasedCadre));
        assertThat(rig.get("/api/v1/reports/cadre-exchange", "application/json", "reports:read").body())
                .isEqualTo(report);
        assertThat(SharedKafka.readRecords(rig.deadLetterTopic, (int) SharedKafka.recordCount(rig.deadLetterTopic),
                WAIT)).noneMatch(r -> erasedCadre.equals(r.key()));
    }

    private static List<String> erasedCadres(int generation) {
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            List<String> ids = new java.util.ArrayList<>();
            client.getDatabase(rig.database).getCollection(ReadModelCollection.ERASED_CADRES.nameIn(generation)).find()
                    .forEach(d -> ids.add(d.getString("_id")));
            return ids;
        }
    }

    private static String secondment(String id, String batch, String direction) {
        boolean toChongqing = direction.equals("SICHUAN_TO_CHONGQING");
        return "{\"secondmentId\":\"" + id + "\",\"batchId\":\"" + batch + "\",\"batchNumber\":3,\"cadreId\":\"cadre-" + id
                + "\",\"direction\":\"" + direction + "\",\"homeUnit\":\"单位\",\"homeRegion\":\"" + (toChongqing ? "510100" : "500112")
                + "\",\"hostUnit\":\"单位\",\"hostRegion\":\"" + (toChongqing ? "500112" : "510100")
                + "\",\"hostPost\":\"副主任\",\"startOn\":\"2023-03-01\",\"endOn\":\"2024-02-29\"}";
    }

    private static void cadre(String id, String event, String json) {
        events.send(rig.cadreTopic, "cadre", id, event, json);
    }

    @Test
    @Order(4)
    void duplicatedEventsAndAReplayedPartitionChangeNothing() {
        String before = rig.json("/api/v1/reports/portfolio?year=2023&asOf=2023-06").toString();
        JsonNode p1Before = rig.json("/api/v1/projects/" + p1);
        JsonNode p2Before = rig.json("/api/v1/projects/" + p2);
        assertThat(rig.diagnostics(p2).path("eventCount").asInt()).isEqualTo(8);
        // the whole history of P1 and P2 once more, exactly as first sent (a replayed partition)
        List<ContractEvents.Sent> history = events.sent().stream()
                .filter(s -> s.key().equals(p1) || s.key().equals(p2)).toList();
        history.forEach(events::resend);
        // and a marker after them on each project's partition (they may be two), so we know both replays have been
        // consumed before anything is compared
        invested(p1, "2023-08", 1L);
        invested(p2, "2023-08", 1L);
        awaitEvents(p1, 10);
        awaitEvents(p2, 9);
        JsonNode p1After = rig.json("/api/v1/projects/" + p1);
        assertThat(p1After.path("investedToDateYuan").asLong()).isEqualTo(p1Before.path("investedToDateYuan").asLong() + 1);
        assertThat(rig.json("/api/v1/projects/" + p2).path("investedToDateYuan").asLong())
                .isEqualTo(p2Before.path("investedToDateYuan").asLong() + 1);
        assertThat(rig.json("/api/v1/projects/" + p2 + "/timeline?size=100").path("total").asLong()).isEqualTo(9);
        assertThat(rig.json("/api/v1/reports/portfolio?year=2023&asOf=2023-06").toString()).isEqualTo(before);
        assertThat(rig.json("/api/v1/projects/" + p1 + "/timeline?size=100").path("total").asLong()).isEqualTo(10);
    }

    @Test
    @Order(5)
    void aGapIsFlaggedAndTheLateEventFillsItInOrder() {
        String p = id();
        events.sendAt(rig.projectTopic, "project", p, "ProjectProposed",
                proposal(p, "SCIENCE_TECH", "ZIDA", "\"510100\"", 900_000_000L, ""), 0);
        events.sendAt(rig.projectTopic, "project", p, "ProjectListed", "{\"projectId\":\"" + p + "\",\"listYear\":2023}", 1);
        // sequence 2 (a recording of 2023-04) is missing; 3 corrects it
        events.sendAt(rig.projectTopic, "project", p, "InvestmentCorrected", "{\"projectId\":\"" + p
                + "\",\"period\":\"2023-04\",\"amountYuan\":70000000,\"previousAmountYuan\":60000000,\"reason\":\"更正\"}", 3);
        awaitEvents(p, 3);
        JsonNode flagged = rig.diagnostics(p);
        assertThat(flagged.path("gaps").path("count").asInt()).isEqualTo(1);
        assertThat(flagged.path("gaps").path("missingSequences").get(0).asLong()).isEqualTo(2);
        assertThat(flagged.path("lastSequence").asLong()).isEqualTo(1);
        // counted once the batch is committed, a moment after its writes are visible
        await().atMost(WAIT).until(() -> rig.bean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter("shuangcheng.reporting.sequence.gaps", "topic", rig.projectTopic).count() >= 1);

        events.sendAt(rig.projectTopic, "project", p, "InvestmentRecorded",
                "{\"projectId\":\"" + p + "\",\"period\":\"2023-04\",\"amountYuan\":60000000}", 2);
        awaitEvents(p, 4);
        JsonNode filled = rig.json("/api/v1/projects/" + p);
        assertThat(rig.diagnostics(p).path("gaps").path("count").asInt()).isZero();
        assertThat(rig.diagnostics(p).path("lastSequence").asLong()).isEqualTo(3);
        // folded in order: the recording (60M) and then its correction (70M), not the other way round
        assertThat(filled.path("investments").get(0).path("amountYuan").asLong()).isEqualTo(70_000_000L);
    }

    @Test
    @Order(6)
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsApplied() throws Exception {
        String p = id();
        RecordHeaders notCloudEvent = new RecordHeaders();
        ContractEvents.header(notCloudEvent, "origin-header", "kept");
        events.sendRaw(rig.projectTopic, p, "hello".getBytes(StandardCharsets.UTF_8), notCloudEvent);
        events.sendAt(rig.projectTopic, "project", p, "ProjectTeleported", "{\"projectId\":\"" + p + "\"}", 0);
        events.sendAt(rig.projectTopic, "project", p, "InvestmentRecorded",
                "{\"projectId\":\"" + p + "\",\"period\":\"2023-13\",\"amountYuan\":1.5}", 0);
        events.sendAt(rig.projectTopic, "project", p, "ProjectProposed",
                proposal(p, "CULTURE_TOURISM", null, "\"500112\"", 10_000_000L, ""), 0);
        awaitEvents(p, 1);

        // the dead-letter topic is shared by the whole class: take this project's letters
        List<ConsumerRecord<String, byte[]>> letters = new java.util.ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            letters.clear();
            SharedKafka.readRecords(rig.deadLetterTopic, (int) SharedKafka.recordCount(rig.deadLetterTopic), WAIT)
                    .stream().filter(r -> p.equals(r.key())).forEach(letters::add);
            assertThat(letters).hasSize(3);
        });
        assertThat(header(letters.get(0), "dlq.reason")).startsWith("not a CloudEvent");
        assertThat(header(letters.get(0), "origin-header")).isEqualTo("kept");
        assertThat(header(letters.get(0), "dlq.origin.topic")).isEqualTo(rig.projectTopic);
        assertThat(header(letters.get(0), "dlq.origin.partition")).isNotBlank();
        assertThat(Long.parseLong(header(letters.get(0), "dlq.origin.offset"))).isGreaterThanOrEqualTo(0);
        assertThat(new String(letters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(header(letters.get(1), "dlq.reason")).isEqualTo("unknown event type shuangcheng.project.ProjectTeleported.v1");
        assertThat(header(letters.get(2), "dlq.reason")).startsWith("data breaks urn:shuangcheng:schema:project:InvestmentRecorded:v1");
        assertThat(header(letters.get(2), "ce_subject")).isEqualTo(p);
        for (ConsumerRecord<String, byte[]> letter : letters) {
            List<String> dlq = new java.util.ArrayList<>();
            letter.headers().forEach(h -> { if (h.key().startsWith("dlq.")) { dlq.add(h.key()); } });
            assertThat(dlq).as("the headers of contracts' AsyncAPI DeadLetterHeaders")
                    .containsExactlyInAnyOrderElementsOf(DeadLetterHeadersMatchTheContractTest.requiredHeaders());
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    @Order(7)
    void aRestartResumesWithoutDoubleCounting() {
        String before = rig.json("/api/v1/reports/portfolio?year=2023&asOf=2023-06").toString();
        rig.stop();
        invested(p4, "2023-03", 5L); // arrives while the service is down
        rig.start();
        awaitEvents(p4, 8);
        JsonNode after = rig.json("/api/v1/reports/portfolio?year=2023&asOf=2023-06");
        // + 70,000,000 of the gap test's project (on the 2023 list, April) + the 5 sent while down
        assertThat(after.path("total").path("completedInYearYuan").asLong()).isEqualTo(22_123_456_789L + 70_000_000L + 5);
        assertThat(after.path("total").path("projects").asLong()).isEqualTo(5); // 4 + the gap test's project
        assertThat(before).contains("\"completedInYearYuan\":22193456789"); // the same without the 5
    }

    @Test
    @Order(8)
    void aRebuildProducesTheSameReadModelsAsTheIncrementalRun() {
        ReadModelStore store = rig.bean(ReadModelStore.class);
        int generation = store.activeGeneration();
        List<Document> incremental = documents(generation);
        String statement = rig.json("/api/v1/reports/portfolio?year=2023&asOf=2023-06").toString();
        assertThat(rig.post("/api/v1/admin/rebuilds", "reports:read").statusCode()).isEqualTo(403);
        var started = rig.post("/api/v1/admin/rebuilds", "reports:admin");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        int id = ReportingRig.JSON.readTree(started.body()).path("id").asInt();
        await().atMost(WAIT).untilAsserted(() -> assertThat(ReportingRig.JSON.readTree(
                rig.get("/api/v1/admin/rebuilds/" + id, "application/json", "reports:admin").body())
                .path("state").asString()).isEqualTo("COMPLETED"));
        assertThat(store.activeGeneration()).isEqualTo(generation + 1);
        assertThat(documents(generation + 1)).isEqualTo(incremental);
        // what it left out is told (the poison records of the dead-letter test), not only logged
        JsonNode skipped = ReportingRig.JSON.readTree(rig.get("/api/v1/admin/rebuilds/" + id, "application/json",
                "reports:admin").body()).path("skipped");
        assertThat(skipped.path("not-a-cloudevent").asLong()).as(skipped.toString()).isEqualTo(1);
        assertThat(skipped.path("unknown-type").asLong()).as(skipped.toString()).isEqualTo(1);
        assertThat(skipped.path("schema-violation").asLong()).as(skipped.toString()).isEqualTo(1);
        assertThat(skipped.path("apply-failed").isMissingNode()).as(skipped.toString()).isTrue();
        assertThat(rig.json("/api/v1/reports/portfolio?year=2023&asOf=2023-06").toString()).isEqualTo(statement);
        // the live consumer follows the switch
        invested(p4, "2023-04", 7L);
        awaitEvents(p4, 9);
        assertThat(store.activeGeneration()).isEqualTo(generation + 1);
    }

    private static List<Document> documents(int generation) {
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            List<Document> all = new java.util.ArrayList<>();
            for (ReadModelCollection model : List.of(ReadModelCollection.PROJECTS, ReadModelCollection.AGENDA_ITEMS,
                    ReadModelCollection.SECONDMENTS, ReadModelCollection.EXCHANGE_BATCHES,
                    ReadModelCollection.ERASED_CADRES)) {
                client.getDatabase(rig.database).getCollection(model.nameIn(generation)).find()
                        .sort(new Document("_id", 1)).forEach(all::add);
            }
            return all;
        }
    }
}
