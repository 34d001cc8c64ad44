package cn.shuangcheng.cadres.it;

import cn.shuangcheng.support.testing.AuthMatrix;
import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.support.testing.ManagementPort;
import cn.shuangcheng.support.testing.ManagementPort.Exposition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * cadre-service as operators see it on its management port: the metrics of deploy/METRICS.md in the Prometheus
 * exposition (and no personal data in it), readiness over MongoDB, liveness over the process, and both tracking
 * processors in the overall health.
 */
class OperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static CadreServiceRig service;
    private static Api api;
    private static ManagementPort management;

    @BeforeAll
    static void start() {
        service = new CadreServiceRig().start();
        api = service.api();
        management = service.management();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** The generated auth matrix (AuthMatrix). Another owner's intake batch is 404: project-service's IntakeRowsTest. */
    @Test
    void every_documented_operation_refuses_every_credential_it_must() {
        AuthMatrix.assertHolds(service.api());
    }

    @Test
    void the_prometheus_exposition_has_the_domain_metrics_and_the_library_families_and_no_personal_data() {
        Exchanges.createBatch(api, 7);
        Exchanges.register(api, 7, "冉晓雯", "CQ-2024-0093", "500112");

        await().atMost(WAIT).untilAsserted(() -> {
            Exposition metrics = management.scrape();
            assertThat(metrics.value("shuangcheng_events_published_total",
                    "type", "shuangcheng.cadre.SecondmentRegistered.v1")).isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("shuangcheng_publication_running", "processor", "kafka-publication"))
                    .isEqualTo(1);
            assertThat(metrics.find("http_server_requests_seconds_count", "outcome", "SUCCESS", "method", "POST",
                    "uri", "/api/v1/secondments")).isPresent();
            assertThat(metrics.hasFamily("http_server_requests_seconds_bucket")).as("latency histogram").isTrue();
            for (String family : List.of("commandBus_", "eventProcessor_", "kafka_producer_",
                    "mongodb_driver_commands_seconds_", "mongodb_driver_pool_", "jvm_", "process_")) {
                assertThat(metrics.hasFamily(family)).as(family).isTrue();
            }
            assertThat(metrics.series()).allSatisfy(series ->
                    assertThat(series.label("application")).as(series.name()).isEqualTo("cadre-service"));
            assertThat(metrics.text()).doesNotContain("冉晓雯", "CQ-2024-0093");
        });
    }

    @Test
    void readiness_covers_mongodb_liveness_the_process_and_the_overall_health_every_tracking_processor() throws Exception {
        HttpResponse<String>[] answer = new HttpResponse[1];
        await().atMost(WAIT).untilAsserted(() -> {
            answer[0] = management.get("/actuator/health/readiness");
            assertThat(answer[0].statusCode()).as(answer[0].body()).isEqualTo(200);
        });
        JsonNode ready = new ObjectMapper().readTree(answer[0].body());
        assertThat(ready.path("components").propertyNames())
                .contains("readinessState", "mongo").doesNotContain("kafka", "eventProcessors");
        HttpResponse<String> liveness = management.get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(liveness.body()).path("components").propertyNames())
                .containsExactly("livenessState");
        HttpResponse<String> all = management.get("/actuator/health");
        JsonNode processors = new ObjectMapper().readTree(all.body()).at("/components/eventProcessors/details");
        assertThat(processors.propertyNames()).hasSizeGreaterThanOrEqualTo(2).contains("kafka-publication");
        processors.forEach(processor -> assertThat(processor.path("running").asBoolean()).isTrue());
    }
}
