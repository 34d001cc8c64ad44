package cn.shuangcheng.projects.it;

import cn.shuangcheng.support.testing.AuthMatrix;
import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.support.testing.ManagementPort;
import cn.shuangcheng.support.testing.ManagementPort.Exposition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static cn.shuangcheng.projects.it.ProjectApiTest.header;
import static cn.shuangcheng.projects.it.Proposals.railLink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * project-service as operators see it on its management port: the metrics of deploy/METRICS.md in the Prometheus
 * exposition, readiness that follows the publication, and the trace context of a request carried into its events.
 */
class OperationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ProjectServiceRig service;
    private static Api api;
    private static ManagementPort management;

    @BeforeAll
    static void start() {
        service = new ProjectServiceRig().start();
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
    void the_prometheus_exposition_has_the_domain_metrics_and_the_library_families_after_some_activity() {
        String id = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                .json(railLink("CY-OPS-" + UUID.randomUUID())).send().id();
        ProjectTopic.recordsOf(service.topic, id, 1, WAIT);
        String good = "CY-OPS-INTAKE-" + UUID.randomUUID();
        Map<String, Object> goodRow = Map.of("externalRef", good, "name", "川渝高竹新区产业园", "sector", "MODERN_INDUSTRY",
                "regions", List.of("511623", "500112"), "totalInvestmentYuan", 12_000_000_000L);
        Map<String, Object> badRow = Map.of("externalRef", good + "-bad", "name", "无效地区", "sector", "MODERN_INDUSTRY",
                "regions", List.of("110000"), "totalInvestmentYuan", 1L);
        Api.Answer batch = api.post("/api/v1/intake/batches").token(Tokens.intakeSystem())
                .header("Idempotency-Key", good).json(Map.of("items", List.of(goodRow, badRow))).send();
        assertThat(batch.status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> "COMPLETED".equals(api.get("/api/v1/intake/batches/" + batch.id())
                .token(Tokens.intakeSystem()).send().body().path("status").asString()));

        await().atMost(WAIT).untilAsserted(() -> {
            Exposition metrics = management.scrape();
            assertThat(metrics.value("shuangcheng_events_published_total",
                    "type", "shuangcheng.project.ProjectProposed.v1")).isGreaterThanOrEqualTo(2);
            assertThat(metrics.value("shuangcheng_publication_running", "processor", "kafka-publication"))
                    .isEqualTo(1);
            assertThat(metrics.value("shuangcheng_intake_rows_total", "channel", "rest", "outcome", "accepted"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("shuangcheng_intake_rows_total", "channel", "rest", "outcome", "rejected"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.find("shuangcheng_intake_rows_total", "channel", "kafka", "outcome", "unchanged"))
                    .isPresent();
            assertThat(metrics.find("http_server_requests_seconds_count", "outcome", "SUCCESS", "method", "POST",
                    "uri", "/api/v1/projects")).isPresent();
            assertThat(metrics.hasFamily("http_server_requests_seconds_bucket")).as("latency histogram").isTrue();
            for (String family : List.of("commandBus_", "eventProcessor_", "kafka_producer_", "kafka_consumer_",
                    "mongodb_driver_commands_seconds_", "mongodb_driver_pool_", "jvm_", "process_", "system_")) {
                assertThat(metrics.hasFamily(family)).as(family).isTrue();
            }
            assertThat(metrics.series()).allSatisfy(series ->
                    assertThat(series.label("application")).as(series.name()).isEqualTo("project-service"));
        });
    }

    @Test
    void readiness_covers_mongodb_and_stays_up_while_the_publication_is_stopped_which_details_and_metrics_show() {
        JsonNode ready = health("/actuator/health/readiness", 200);
        assertThat(ready.path("status").asString()).isEqualTo("UP");
        assertThat(ready.path("components").propertyNames())
                .contains("readinessState", "mongo").doesNotContain("kafka", "eventProcessors");
        // the process only: a worker that fails after every restart is shared trouble, no restart of instances cures it
        JsonNode live = health("/actuator/health/liveness", 200);
        assertThat(live.path("components").propertyNames()).containsExactly("livenessState");
        JsonNode workers = health("/actuator/health", 200);
        assertThat(workers.path("components").propertyNames()).contains("eventProcessors", "intakeTopic");
        assertThat(workers.at("/components/eventProcessors/details/kafka-publication/running").asBoolean()).isTrue();

        EventProcessor publication = service.bean(EventProcessingConfiguration.class)
                .eventProcessor("kafka-publication").orElseThrow();
        publication.shutDown();
        try {
            // A stopped publication does not take the write API out of rotation; its state stays visible.
            assertThat(health("/actuator/health/readiness", 200).path("status").asString()).isEqualTo("UP");
            assertThat(health("/actuator/health/liveness", 200).path("status").asString()).isEqualTo("UP");
            JsonNode all = health("/actuator/health", 200);
            assertThat(all.at("/components/eventProcessors/details/kafka-publication/running").asBoolean()).isFalse();
            assertThat(all.at("/components/kafka/status").asString()).isEqualTo("UP");
            assertThat(management.scrape().value("shuangcheng_publication_running", "processor", "kafka-publication"))
                    .isZero();
        } finally {
            publication.start();
        }
        await().atMost(WAIT).until(() -> management.scrape().value("shuangcheng_publication_running", "processor",
                "kafka-publication") == 1);
    }

    @Test
    void the_info_endpoint_names_the_build_that_runs() {
        JsonNode build = health("/actuator/info", 200).path("build");
        assertThat(build.path("artifact").asString()).isEqualTo("project-service");
        assertThat(build.path("version").asString()).isNotBlank();
        assertThat(build.path("time").asString()).isNotBlank();
    }

    @Test
    void the_sbom_endpoint_lists_what_ships_and_xstream_is_not_in_it() throws Exception {
        HttpResponse<String> answer = management.get("/actuator/sbom/application");
        assertThat(answer.statusCode()).as("no SBOM in target/classes: cyclonedx-maven-plugin skips in an offline (-o) "
                + "build").isEqualTo(200);
        JsonNode sbom = JSON.readTree(answer.body());
        assertThat(sbom.path("bomFormat").asString()).isEqualTo("CycloneDX");
        List<String> components = new ArrayList<>();
        sbom.path("components").forEach(c -> components.add(c.path("group").asString() + ":" + c.path("name").asString()));
        assertThat(components).contains("org.axonframework:axon-messaging", "org.apache.kafka:kafka-clients",
                "org.mongodb:mongodb-driver-sync").noneMatch(c -> c.contains("xstream"));
    }

    @Test
    void the_publications_dead_letters_are_listed_for_the_deadletters_admin_scope_only() {
        Api.Answer listed = api.get("/api/v1/admin/dead-letters?processor=kafka-publication")
                .token(cn.shuangcheng.support.testing.TestTokens.token("operator", "deadletters:admin")).send();
        assertThat(listed.status()).as(listed.raw().body()).isEqualTo(200);
        assertThat(listed.body().path("total").asLong()).isZero();
        assertThat(api.get("/api/v1/admin/dead-letters?processor=kafka-publication").token(Tokens.jointOffice())
                .send().status()).isEqualTo(403);
    }

    @Test
    void the_trace_context_of_a_request_goes_into_the_event_metadata_and_the_published_cloud_event() {
        String callersTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callersSpanId = "00f067aa0ba902b7";
        Api.Answer proposed = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                .header("traceparent", "00-" + callersTraceId + "-" + callersSpanId + "-01")
                .json(railLink("CY-TRACE-" + UUID.randomUUID())).send();
        assertThat(proposed.status()).isEqualTo(201);

        ConsumerRecord<String, byte[]> record = ProjectTopic.recordsOf(service.topic, proposed.id(), 1, WAIT).get(0);
        String published = header(record, "ce_traceparent");
        // the caller's trace, continued by project-service: the event's metadata carries the server span, the
        // CloudEvent the producer span that published it (a child of the server span), both sampled
        assertThat(published).matches("00-" + callersTraceId + "-[0-9a-f]{16}-01")
                .doesNotContain(callersSpanId);
        try (MongoClient client = MongoClients.create(SharedMongo.connectionString())) {
            Document stored = client.getDatabase(service.database).getCollection("domainevents")
                    .find(new Document("aggregateIdentifier", proposed.id())).first();
            assertThat(stored).isNotNull();
            Matcher inMetadata = Pattern.compile("00-" + callersTraceId + "-([0-9a-f]{16})-01")
                    .matcher(stored.toJson());
            assertThat(inMetadata.find()).as(stored.toJson()).isTrue();
            assertThat(inMetadata.group(1)).isNotEqualTo(callersSpanId).isNotEqualTo(published.substring(36, 52));
        }
    }

    @Test
    void a_request_without_trace_context_starts_a_trace_that_its_events_carry() {
        Api.Answer proposed = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                .json(railLink("CY-NEWTRACE-" + UUID.randomUUID())).send();
        ConsumerRecord<String, byte[]> record = ProjectTopic.recordsOf(service.topic, proposed.id(), 1, WAIT).get(0);
        assertThat(header(record, "ce_traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    private static JsonNode health(String path, int expectedStatus) {
        HttpResponse<String>[] answer = new HttpResponse[1];
        await().atMost(WAIT).untilAsserted(() -> {
            answer[0] = management.get(path);
            assertThat(answer[0].statusCode()).as(answer[0].body()).isEqualTo(expectedStatus);
        });
        try {
            return JSON.readTree(answer[0].body());
        } catch (Exception e) {
            throw new AssertionError(path + " answered no JSON: " + answer[0].body(), e);
        }
    }
}
