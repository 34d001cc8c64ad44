package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * What a partner reads from reporting-service: project views with exactly the documented fields (no read-model
 * internals), the diagnostics only under reports:admin, and the three-lists items with their filters.
 */
class ReadViewsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** docs/api-guide.md, "reporting-service": the project view, nothing else. */
    static final Set<String> PROJECT_FIELDS = Set.of("id", "externalRef", "name", "sector", "platform", "regions",
            "leadUnits", "description", "totalInvestmentYuan", "totalInvestmentYi", "status", "proposedAt",
            "startedOn", "completedOn", "suspensionReason", "cancelledAt", "cancellationReason", "listYears",
            "annualPlans", "investments", "milestones", "openingInvestedYuan", "openingAsOf", "investedToDateYuan",
            "investedToDateYi");
    static final Set<String> AGENDA_ITEM_FIELDS = Set.of("id", "list", "title", "source", "ownerUnits", "dueOn",
            "projectIds", "status", "overdue", "createdOn", "deliveredOn", "verifiedOn", "droppedOn");

    private static ReportingRig rig;
    private static ContractEvents events;
    private static final String P = UUID.randomUUID().toString();
    /** a1..a6 of {@link #agendaItemsAreListedWithEachFilter()}. */
    private static final String[] A = new String[6];

    @BeforeAll
    static void start() {
        rig = new ReportingRig().start();
        events = new ContractEvents();
        project("ProjectProposed", "{\"projectId\":\"" + P + "\",\"externalRef\":\"CY-2023-001\",\"name\":\"成渝中线高铁\","
                + "\"sector\":\"INFRASTRUCTURE\",\"platform\":null,\"regions\":[\"510100\",\"CQ-GXQ\"],"
                + "\"leadUnits\":[\"川渝联合办\"],\"totalInvestmentYuan\":69273000000,"
                + "\"openingInvestedYuan\":6000000000,\"openingAsOf\":\"2022-12\"}");
        project("ProjectListed", "{\"projectId\":\"" + P + "\",\"listYear\":2023}");
        project("AnnualPlanSet", "{\"projectId\":\"" + P + "\",\"year\":2023,\"amountYuan\":8000000000}");
        project("ProjectStarted", "{\"projectId\":\"" + P + "\",\"startedOn\":\"2022-11-28\"}");
        project("MilestoneReached", "{\"projectId\":\"" + P + "\",\"name\":\"全线开工\",\"reachedOn\":\"2023-02-01\",\"note\":null}");
        project("InvestmentRecorded", "{\"projectId\":\"" + P + "\",\"period\":\"2023-01\",\"amountYuan\":600000000}");
        project("InvestmentCorrected", "{\"projectId\":\"" + P + "\",\"period\":\"2023-01\",\"amountYuan\":650000000,"
                + "\"previousAmountYuan\":600000000,\"reason\":\"统计口径调整\"}");
        String[] lists = {"POLICY_NEED", "POLICY_NEED", "AGREED_MATTER", "WORK_RESULT", "AGREED_MATTER", "WORK_RESULT"};
        String[] owners = {"\"重庆市交通局\",\"四川省交通运输厅\"", "\"四川省交通运输厅\"", "\"重庆市发展改革委\"",
                "\"重庆市发展改革委\"", "\"重庆市交通局\"", "\"四川省发展改革委\""};
        String[] due = {"\"2023-06-30\"", "\"2099-12-31\"", "\"2023-03-31\"", "null", "\"2023-01-31\"", "\"2023-01-01\""};
        String[] projects = {"\"" + P + "\"", "", "", "", "\"" + P + "\"", ""};
        for (int i = 0; i < A.length; i++) {
            A[i] = UUID.randomUUID().toString();
            agenda(A[i], "AgendaItemCreated", "{\"agendaItemId\":\"" + A[i] + "\",\"list\":\"" + lists[i]
                    + "\",\"title\":\"跨省公交线路审批与运营补贴衔接需求" + i + "\",\"source\":\"联席会议\",\"ownerUnits\":["
                    + owners[i] + "],\"dueOn\":" + due[i] + ",\"projectIds\":[" + projects[i] + "]}");
        }
        agenda(A[1], "AgendaItemProgressed", "{\"agendaItemId\":\"" + A[1] + "\",\"note\":\"推进中\"}");
        agenda(A[2], "AgendaItemDelivered", "{\"agendaItemId\":\"" + A[2] + "\",\"note\":null}");
        agenda(A[4], "AgendaItemProgressed", "{\"agendaItemId\":\"" + A[4] + "\",\"note\":null}");
        agenda(A[5], "AgendaItemDropped", "{\"agendaItemId\":\"" + A[5] + "\",\"note\":\"不再需要\"}");
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> p = rig.get("/api/v1/projects/" + P + "/timeline", "application/json", "reports:read");
            assertThat(p.statusCode()).as(p.body()).isEqualTo(200);
            assertThat(ReportingRig.JSON.readTree(p.body()).path("total").asInt()).isEqualTo(7);
            HttpResponse<String> dropped = rig.get("/api/v1/agenda-items?status=DROPPED", "application/json",
                    "reports:read");
            assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(200);
            assertThat(ids(ReportingRig.JSON.readTree(dropped.body()))).containsExactly(A[5]);
            assertThat(rig.json("/api/v1/agenda-items?status=IN_PROGRESS").path("total").asInt()).isEqualTo(2);
            assertThat(rig.json("/api/v1/agenda-items?status=DELIVERED").path("total").asInt()).isEqualTo(1);
        });
    }

    @AfterAll
    static void stop() {
        events.close();
        rig.close();
    }

    private static void project(String event, String json) {
        events.send(rig.projectTopic, "project", P, event, json);
    }

    private static void agenda(String id, String event, String json) {
        events.send(rig.projectTopic, "project", id, event, json);
    }

    @Test
    void theProjectViewHasExactlyTheDocumentedFields() {
        JsonNode one = rig.json("/api/v1/projects/" + P);

        assertThat(one.propertyNames()).containsExactlyInAnyOrderElementsOf(PROJECT_FIELDS);
        assertThat(one.path("annualPlans").get(0).propertyNames()).containsExactlyInAnyOrder("year", "amountYuan");
        assertThat(one.path("investments").get(0).propertyNames())
                .containsExactlyInAnyOrder("period", "amountYuan", "corrections");
        assertThat(one.path("milestones").get(0).propertyNames()).containsExactlyInAnyOrder("name", "reachedOn", "note");
        assertThat(one.path("investedToDateYuan").asLong()).isEqualTo(6_650_000_000L);
        assertThat(one.path("investedToDateYi").asString()).isEqualTo("66.50");
        assertThat(one.path("totalInvestmentYi").asString()).isEqualTo("692.73");
        assertThat(one.path("investments").get(0).path("corrections").asInt()).isEqualTo(1);
        assertThat(one.path("regions").toString()).isEqualTo("[\"510100\",\"CQ-GXQ\"]");

        JsonNode list = rig.json("/api/v1/projects?year=2023");
        assertThat(list.path("items")).hasSize(1);
        assertThat(list.path("items").get(0).propertyNames()).containsExactlyInAnyOrderElementsOf(PROJECT_FIELDS);
        assertThat(list.propertyNames()).containsExactly("items", "page", "size", "total");
    }

    @Test
    void timelineItemsAreSequenceTypeTimePrincipalAndData() {
        JsonNode timeline = rig.json("/api/v1/projects/" + P + "/timeline?size=2&page=3");

        assertThat(timeline.path("total").asInt()).isEqualTo(7);
        JsonNode last = timeline.path("items").get(0);
        assertThat(last.propertyNames()).containsExactly("sequence", "type", "time", "principal", "data");
        assertThat(last.path("sequence").asLong()).isEqualTo(6);
        assertThat(last.path("type").asString()).isEqualTo("shuangcheng.project.InvestmentCorrected.v1");
        assertThat(last.path("data").path("reason").asString()).isEqualTo("统计口径调整");
    }

    @Test
    void theDiagnosticsAreAnAdminViewThatAReaderMayNotSee() {
        String path = "/api/v1/admin/projects/" + P;
        HttpResponse<String> reader = rig.get(path, "application/json", "reports:read");
        HttpResponse<String> admin = rig.get(path, "application/json", "reports:admin");

        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(reader.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        JsonNode diagnostics = ReportingRig.JSON.readTree(admin.body());
        assertThat(diagnostics.propertyNames()).containsExactlyInAnyOrder("id", "generation", "lastSequence",
                "maxSequence", "eventCount", "gaps", "rollUpRegions", "updatedAt");
        assertThat(diagnostics.path("lastSequence").asLong()).isEqualTo(6);
        assertThat(diagnostics.path("maxSequence").asLong()).isEqualTo(6);
        assertThat(diagnostics.path("eventCount").asInt()).isEqualTo(7);
        assertThat(diagnostics.path("gaps").path("count").asInt()).isZero();
        assertThat(diagnostics.path("gaps").path("missingSequences")).isEmpty();
        assertThat(diagnostics.path("rollUpRegions").toString()).isEqualTo("[\"510100\",\"500000\"]");
        assertThat(diagnostics.path("generation").asInt()).isEqualTo(1);
        assertThat(diagnostics.path("updatedAt").asString()).isNotBlank();
        assertThat(rig.get("/api/v1/admin/projects/unknown", "application/json", "reports:admin").statusCode())
                .isEqualTo(404);
    }

    /**
     * a0 POLICY_NEED   OPEN         due 2023-06-30  owners 重庆市交通局, 四川省交通运输厅  project P  → overdue
     * a1 POLICY_NEED   IN_PROGRESS  due 2099-12-31  owner 四川省交通运输厅
     * a2 AGREED_MATTER DELIVERED    due 2023-03-31  owner 重庆市发展改革委 (delivered: not overdue)
     * a3 WORK_RESULT   OPEN         no due date     owner 重庆市发展改革委
     * a4 AGREED_MATTER IN_PROGRESS  due 2023-01-31  owner 重庆市交通局  project P  → overdue
     * a5 WORK_RESULT   DROPPED      due 2023-01-01  owner 四川省发展改革委 (dropped: not overdue)
     */
    @Test
    void agendaItemsAreListedWithEachFilter() {
        assertThat(ids(rig.json("/api/v1/agenda-items"))).containsExactlyInAnyOrder(A);
        assertThat(ids(rig.json("/api/v1/agenda-items?list=POLICY_NEED"))).containsExactlyInAnyOrder(A[0], A[1]);
        assertThat(ids(rig.json("/api/v1/agenda-items?status=OPEN"))).containsExactlyInAnyOrder(A[0], A[3]);
        assertThat(ids(rig.json("/api/v1/agenda-items?overdue=true"))).containsExactlyInAnyOrder(A[0], A[4]);
        assertThat(ids(rig.json("/api/v1/agenda-items?overdue=false")))
                .containsExactlyInAnyOrder(A[1], A[2], A[3], A[5]);
        assertThat(ids(rig.json("/api/v1/agenda-items?ownerUnit="
                + URLEncoder.encode("重庆市交通局", StandardCharsets.UTF_8))))
                .containsExactlyInAnyOrder(A[0], A[4]);
        assertThat(ids(rig.json("/api/v1/agenda-items?projectId=" + P))).containsExactlyInAnyOrder(A[0], A[4]);
        assertThat(ids(rig.json("/api/v1/agenda-items?list=AGREED_MATTER&overdue=true"))).containsExactly(A[4]);
        assertThat(ids(rig.json("/api/v1/agenda-items?projectId=unknown"))).isEmpty();

        JsonNode page = rig.json("/api/v1/agenda-items?size=4&page=1");
        assertThat(page.propertyNames()).containsExactly("items", "page", "size", "total");
        assertThat(page.path("total").asInt()).isEqualTo(6);
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("size").asInt()).isEqualTo(4);
        assertThat(rig.json("/api/v1/agenda-items?page=10000&size=500").path("items")).isEmpty();
    }

    @Test
    void oneAgendaItemHasExactlyTheDocumentedFields() {
        JsonNode item = rig.json("/api/v1/agenda-items/" + A[0]);

        assertThat(item.propertyNames()).containsExactlyInAnyOrderElementsOf(AGENDA_ITEM_FIELDS);
        assertThat(item.path("id").asString()).isEqualTo(A[0]);
        assertThat(item.path("list").asString()).isEqualTo("POLICY_NEED");
        assertThat(item.path("status").asString()).isEqualTo("OPEN");
        assertThat(item.path("overdue").asBoolean()).isTrue();
        assertThat(item.path("dueOn").asString()).isEqualTo("2023-06-30");
        assertThat(item.path("ownerUnits").toString()).isEqualTo("[\"重庆市交通局\",\"四川省交通运输厅\"]");
        assertThat(item.path("projectIds").toString()).isEqualTo("[\"" + P + "\"]");
        assertThat(rig.json("/api/v1/agenda-items/" + A[2]).path("deliveredOn").asString()).isNotBlank();
        assertThat(rig.json("/api/v1/agenda-items/" + A[2]).path("overdue").asBoolean()).isFalse();
        assertThat(rig.json("/api/v1/agenda-items?size=500").path("items").get(0).propertyNames())
                .containsExactlyInAnyOrderElementsOf(AGENDA_ITEM_FIELDS);
        HttpResponse<String> unknown = rig.get("/api/v1/agenda-items/unknown", "application/json", "reports:read");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
    }

    /** What a client generator sees: typed views with the documented fields and the demo data's examples. */
    @Test
    void theOpenApiDocumentDescribesTheViewsAsTypedSchemas() {
        HttpResponse<String> docs = rig.anonymousGet("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = ReportingRig.JSON.readTree(docs.body());
        JsonNode schemas = api.path("components").path("schemas");

        assertThat(api.at("/paths/~1api~1v1~1projects~1{id}/get/responses/200/content").toString())
                .contains("#/components/schemas/ProjectView");
        assertThat(api.at("/paths/~1api~1v1~1agenda-items~1{id}/get/responses/200/content").toString())
                .contains("#/components/schemas/AgendaItemView");
        assertThat(api.at("/paths/~1api~1v1~1admin~1projects~1{id}/get/responses/200/content").toString())
                .contains("#/components/schemas/ProjectDiagnostics");
        assertThat(schemas.path("ProjectView").path("properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(PROJECT_FIELDS);
        assertThat(schemas.path("AgendaItemView").path("properties").propertyNames())
                .containsExactlyInAnyOrderElementsOf(AGENDA_ITEM_FIELDS);
        assertThat(schemas.path("TimelineEntry").path("properties").propertyNames())
                .containsExactlyInAnyOrder("sequence", "type", "time", "principal", "data");
        assertThat(schemas.at("/ProjectView/properties/name/example").asString()).isEqualTo("成渝中线高铁");
        assertThat(schemas.at("/AgendaItemView/properties/title/example").asString())
                .isEqualTo("跨省公交线路审批与运营补贴衔接需求");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
