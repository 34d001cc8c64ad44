package cn.shuangcheng.reporting.it;

import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.support.testing.AuthMatrix;
import cn.shuangcheng.support.testing.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.reporting.ingestion.kafka.LiveIngest;
import cn.shuangcheng.support.testing.ManagementPort;
import cn.shuangcheng.support.testing.ManagementPort.Exposition;
import io.opentelemetry.api.trace.SpanKind;
import tools.jackson.databind.JsonNode;

/**
 * reporting-service as operators see it on its management port: the metrics of deploy/METRICS.md in the Prometheus
 * exposition, readiness that follows MongoDB only (the consumer and Kafka in the details), liveness that follows the
 * consumer's supervisor, and a consumer span per record in the trace its CloudEvent carries.
 */
class OperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ReportingRig rig;
    private static ContractEvents events;
    private static ManagementPort management;

    @BeforeAll
    static void start() {
        rig = new ReportingRig().withSource(CapturedSpans.Capture.class)
                .with("management.opentelemetry.tracing.export.schedule-delay", "100ms")
                .with("shuangcheng.reporting.lag-interval", "200ms")
                .with("shuangcheng.reporting.metrics-refresh", "200ms")
                .start();
        events = new ContractEvents();
        management = rig.management();
    }

    @AfterAll
    static void stop() {
        events.close();
        rig.close();
    }

    private static String proposal(String id) {
        return "{\"projectId\":\"" + id + "\",\"name\":\"川南渝西融合发展试验区\",\"sector\":\"ECOLOGY\",\"platform\":null,"
                + "\"regions\":[\"510500\"],\"leadUnits\":[\"川渝联合办\"],\"totalInvestmentYuan\":500000000}";
    }

    /** The generated auth matrix (AuthMatrix). Another owner's intake batch is 404: project-service's IntakeRowsTest. */
    @Test
    void every_documented_operation_refuses_every_credential_it_must() {
        AuthMatrix.assertHolds(rig.api());
    }

    /**
     * The reads of issue 15 are in the OpenAPI document (and so in the matrix above), and every admin operation
     * refuses a token that has reports:read but not reports:admin: the read-model diagnostics are not a reader's.
     */
    @Test
    void the_reads_are_documented_and_every_admin_operation_refuses_a_reader() {
        List<AuthMatrix.Operation> operations = AuthMatrix.operations(rig.api());
        assertThat(operations).extracting(Object::toString).contains("GET /api/v1/agenda-items",
                "GET /api/v1/agenda-items/{id}", "GET /api/v1/admin/projects/{id}", "GET /api/v1/projects/{id}");
        List<AuthMatrix.Operation> admin = operations.stream()
                .filter(operation -> operation.path().startsWith("/api/v1/admin/")).toList();
        assertThat(admin).hasSizeGreaterThanOrEqualTo(4);
        String reader = TestTokens.token("partner", "reports:read");
        for (AuthMatrix.Operation operation : admin) {
            String path = operation.path().replaceAll("\\{[^}]+}", "authz-probe-0");
            Api.Answer answer = (operation.method().equals("GET") ? rig.api().get(path)
                    : rig.api().post(path).json("{}")).token(reader).send();
            assertThat(answer.status()).as(operation.toString()).isEqualTo(403);
            assertThat(answer.contentType()).as(operation.toString()).startsWith("application/problem+json");
        }
    }

    @Test
    void the_prometheus_exposition_has_the_domain_metrics_and_the_library_families_after_some_activity() {
        String p = UUID.randomUUID().toString();
        events.send(rig.projectTopic, "project", p, "ProjectProposed", proposal(p));
        events.send(rig.projectTopic, "project", p, "InvestmentRecorded",
                "{\"projectId\":\"" + p + "\",\"period\":\"2023-04\",\"amountYuan\":60000000}");
        ContractEvents.Sent corrected = events.send(rig.projectTopic, "project", p, "InvestmentCorrected", "{\"projectId\":\""
                + p + "\",\"period\":\"2023-04\",\"amountYuan\":50000000,\"previousAmountYuan\":60000000,\"reason\":\"更正\"}");
        events.resend(corrected);
        events.sendAt(rig.projectTopic, "project", p, "ProjectStarted",
                "{\"projectId\":\"" + p + "\",\"startedOn\":\"2023-05-02\"}", 5);
        events.sendRaw(rig.projectTopic, p, "hello".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        String type = "shuangcheng.project.ProjectProposed.v1";

        await().atMost(WAIT).untilAsserted(() -> {
            Exposition metrics = management.scrape();
            String topic = rig.projectTopic;
            assertThat(metrics.value("shuangcheng_reporting_records_consumed_total", "topic", topic, "type", type))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("shuangcheng_reporting_records_consumed_total", "topic", topic, "type", "unknown"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("shuangcheng_reporting_events_applied_total", "type", type))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("shuangcheng_reporting_events_duplicate_total",
                    "type", "shuangcheng.project.InvestmentCorrected.v1")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("shuangcheng_reporting_projection_lag_seconds", "topic", topic)).isPositive();
            assertThat(metrics.find("shuangcheng_reporting_projection_lag_seconds", "topic", rig.cadreTopic))
                    .as("every consumed topic, before its first event").isPresent();
            assertThat(metrics.named("shuangcheng_reporting_consumer_lag_records"))
                    .anySatisfy(lag -> assertThat(lag.labels()).containsEntry("topic", topic)
                            .containsKey("partition"));
            assertThat(metrics.value("shuangcheng_reporting_consumer_running")).isEqualTo(1);
            assertThat(metrics.find("shuangcheng_reporting_consumer_restarts_total")).isPresent();
            assertThat(metrics.find("shuangcheng_reporting_dlq_records_total", "reason", "apply-failed")).isPresent();
            assertThat(metrics.value("shuangcheng_reporting_dlq_records_total", "reason", "not-a-cloudevent"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.find("shuangcheng_reporting_dlq_records_total", "reason", "schema-violation"))
                    .isPresent();
            assertThat(metrics.value("shuangcheng_reporting_sequence_gaps_total", "topic", topic))
                    .isGreaterThanOrEqualTo(2);
            assertThat(metrics.value("shuangcheng_reporting_projects", "status", "STARTED")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.find("shuangcheng_reporting_projects", "status", "CANCELLED")).isPresent();
            assertThat(metrics.value("shuangcheng_reporting_investment_recorded_yuan_total"))
                    .isGreaterThanOrEqualTo(60_000_000);
            assertThat(metrics.value("shuangcheng_reporting_investment_corrected_yuan_total", "direction", "decrease"))
                    .isGreaterThanOrEqualTo(10_000_000);
            for (String family : List.of("kafka_consumer_", "kafka_producer_", "mongodb_driver_commands_seconds_",
                    "mongodb_driver_pool_", "jvm_", "process_", "system_")) {
                assertThat(metrics.hasFamily(family)).as(family).isTrue();
            }
            assertThat(metrics.find("kafka_consumer_fetch_manager_records_lag_max")).isPresent();
        });

        assertThat(rig.get("/api/v1/projects/" + p, "application/json", "reports:read").statusCode()).isEqualTo(200);
        Exposition metrics = management.scrape();
        assertThat(metrics.find("http_server_requests_seconds_count", "outcome", "SUCCESS", "method", "GET",
                "uri", "/api/v1/projects/{id}")).isPresent();
        assertThat(metrics.hasFamily("http_server_requests_seconds_bucket")).as("latency histogram").isTrue();
        assertThat(metrics.series()).allSatisfy(series ->
                assertThat(series.label("application")).as(series.name()).isEqualTo("reporting-service"));
    }

    @Test
    void each_record_is_applied_in_a_consumer_span_of_the_trace_its_cloud_event_carries() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String publisherSpanId = "b7ad6b7169203331";
        String p = UUID.randomUUID().toString();
        events.sendTraced(rig.projectTopic, "project", p, "ProjectProposed", proposal(p),
                "00-" + traceId + "-" + publisherSpanId + "-01");

        CapturedSpans captured = rig.bean(CapturedSpans.class);
        await().atMost(WAIT).untilAsserted(() -> assertThat(captured.spans())
                .filteredOn(span -> span.getTraceId().equals(traceId))
                .singleElement()
                .satisfies(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                    assertThat(span.getParentSpanId()).isEqualTo(publisherSpanId);
                    assertThat(span.getName()).isEqualTo("apply " + rig.projectTopic);
                    assertThat(span.getAttributes().asMap().toString())
                            .contains("shuangcheng.project.ProjectProposed.v1", rig.groupId);
                }));
    }

    @Test
    void readiness_is_mongodb_only_so_reads_go_on_when_the_consumer_stops_and_liveness_watches_its_supervisor() {
        JsonNode ready = health("/actuator/health/readiness", 200);
        assertThat(ready.path("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "mongo");
        JsonNode live = health("/actuator/health/liveness", 200);
        assertThat(live.path("components").propertyNames()).containsExactlyInAnyOrder("livenessState", "readModelWorker");
        assertThat(live.at("/components/readModelWorker/details/restarts").isNumber()).isTrue();

        LiveIngest ingest = rig.bean(LiveIngest.class);
        ingest.stop();
        try {
            JsonNode all = health("/actuator/health", 503);
            assertThat(all.at("/components/readModelConsumer/status").asString()).isEqualTo("DOWN");
            assertThat(all.at("/components/kafka/status").asString()).isEqualTo("UP");
            assertThat(health("/actuator/health/readiness", 200).path("status").asString()).isEqualTo("UP");
            assertThat(health("/actuator/health/liveness", 200).path("status").asString()).isEqualTo("UP");
            assertThat(management.scrape().value("shuangcheng_reporting_consumer_running")).isZero();
            assertThat(rig.get("/api/v1/reports/portfolio?year=2023", "application/json", "reports:read").statusCode())
                    .isEqualTo(200);
        } finally {
            ingest.start();
        }
        health("/actuator/health", 200);
    }

    private static JsonNode health(String path, int expectedStatus) {
        HttpResponse<String>[] answer = new HttpResponse[1];
        await().atMost(WAIT).untilAsserted(() -> {
            answer[0] = management.get(path);
            assertThat(answer[0].statusCode()).as(answer[0].body()).isEqualTo(expectedStatus);
        });
        return ReportingRig.JSON.readTree(answer[0].body());
    }
}
