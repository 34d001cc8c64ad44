package cn.shuangcheng.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import cn.shuangcheng.support.testing.TestTokens;

/**
 * One trace from a REST command to the read model, across two processes: project-service and reporting-service run
 * from their packaged jars, each exporting its spans over OTLP (switched on by property, as in production) to a
 * collector stand-in in this JVM. A partner's call with its own trace context proposes a project; the trace continues
 * in project-service's server span, travels in the event's metadata to the publication's producer span, in the
 * CloudEvent's {@code traceparent} through Kafka, and reaches reporting-service's consumer span that applies the event
 * to the read model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneTraceAcrossServicesIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private OtlpCollector collector;
    private ServiceProcess projects;
    private ServiceProcess reporting;

    @BeforeAll
    void startServices() {
        collector = new OtlpCollector();
        String projectTopic = SharedKafka.uniqueTopic("shuangcheng.project.events.v1");
        String cadreTopic = SharedKafka.uniqueTopic("shuangcheng.cadre.events.v1");
        String deadLetterTopic = SharedKafka.uniqueTopic("shuangcheng.reporting.dlq.v1");
        SharedKafka.createTopic(projectTopic, 3);
        SharedKafka.createTopic(cadreTopic, 1);
        SharedKafka.createTopic(deadLetterTopic, 1);
        List<String> tracing = new java.util.ArrayList<>(List.of(
                "--management.opentelemetry.tracing.export.otlp.endpoint=" + collector.tracesEndpoint(),
                "--management.opentelemetry.tracing.export.schedule-delay=200ms"));
        tracing.addAll(TestTokens.securityArguments());
        Map<String, String> jsonLogs = new java.util.HashMap<>(environment("projects"));
        jsonLogs.put("LOG_FORMAT", "ecs");
        projects = ServiceProcess.start("project-service", jsonLogs, concat(tracing,
                "--shuangcheng.publication.topic=" + projectTopic,
                "--shuangcheng.intake.kafka-enabled=false",
                // logs a line inside each request, so that the test can see what the request's lines carry
                "--logging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG"));
        reporting = ServiceProcess.start("reporting-service", environment("reporting"), concat(tracing,
                "--shuangcheng.reporting.project-topic=" + projectTopic,
                "--shuangcheng.reporting.cadre-topic=" + cadreTopic,
                "--shuangcheng.reporting.dead-letter-topic=" + deadLetterTopic,
                "--shuangcheng.reporting.group-id=reporting-" + UUID.randomUUID()));
    }

    @AfterAll
    void stopServices() {
        if (reporting != null) {
            reporting.close();
        }
        if (projects != null) {
            projects.close();
        }
        collector.close();
    }

    @Test
    void a_rest_command_and_the_read_model_update_it_causes_are_one_trace() throws Exception {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String partnersSpanId = HexFormat.of().formatHex(randomBytes(8));
        String correlationId = "corr-" + UUID.randomUUID();
        Map<String, Object> proposal = Map.of("externalRef", "CY-TRACE-" + UUID.randomUUID(), "name", "成渝中线高铁",
                "sector", "INFRASTRUCTURE", "platform", "GAOZHU", "regions", List.of("510100", "500112"),
                "leadUnits", List.of("四川省发展改革委", "重庆市发展改革委"), "totalInvestmentYuan", 69_273_000_000L);
        HttpResponse<String> proposed = HTTP.send(HttpRequest.newBuilder(projects.api("/api/v1/projects"))
                .header("Authorization", TestTokens.bearer("partner-system", "projects:write"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + partnersSpanId + "-01")
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(proposal))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        String projectId = JSON.readTree(proposed.body()).path("id").asText();

        await().atMost(WAIT).until(() -> HTTP.send(HttpRequest.newBuilder(reporting.api("/api/v1/projects/" + projectId))
                .header("Authorization", TestTokens.bearer("dashboard", "reports:read")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

        await().atMost(WAIT).untilAsserted(() -> {
            List<OtlpCollector.Span> trace = collector.spans().stream()
                    .filter(span -> span.traceId().equals(traceId)).toList();
            OtlpCollector.Span server = trace.stream()
                    .filter(span -> "project-service".equals(span.service()) && span.kind() == OtlpCollector.Span.SERVER)
                    .findFirst().orElseThrow(() -> new AssertionError("no server span of project-service in " + trace));
            OtlpCollector.Span producer = trace.stream()
                    .filter(span -> "project-service".equals(span.service())
                            && span.kind() == OtlpCollector.Span.PRODUCER)
                    .findFirst().orElseThrow(() -> new AssertionError("no producer span of project-service in "
                            + trace));
            OtlpCollector.Span consumer = trace.stream()
                    .filter(span -> "reporting-service".equals(span.service())
                            && span.kind() == OtlpCollector.Span.CONSUMER)
                    .findFirst().orElseThrow(() -> new AssertionError("no consumer span of reporting-service in "
                            + trace));
            // the partner's call -> project-service's server span -> (event store) -> its publication's producer
            // span -> (Kafka, ce_traceparent) -> reporting-service's consumer span applying it to the read model
            assertThat(server.parentSpanId()).isEqualTo(partnersSpanId);
            assertThat(producer.parentSpanId()).isEqualTo(server.spanId());
            assertThat(producer.name()).startsWith("publish shuangcheng.project.events.v1");
            assertThat(consumer.parentSpanId()).isEqualTo(producer.spanId());
            assertThat(consumer.name()).startsWith("apply shuangcheng.project.events.v1");
        });
    }

    @Test
    void with_log_format_ecs_every_line_is_json_and_a_requests_lines_carry_its_trace_and_correlation_ids()
            throws Exception {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String correlationId = "corr-" + UUID.randomUUID();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(projects.api("/api/v1/projects/unknown-id"))
                .header("Authorization", TestTokens.bearer("partner-system", "projects:write"))
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isGreaterThanOrEqualTo(400);

        await().atMost(WAIT).untilAsserted(() -> {
            List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
            for (String line : projects.logLines()) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line)); // throws on a line that is not JSON
                }
            }
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.toString()).contains(traceId).contains(correlationId);
                assertThat(line.path("service.name").asText(line.at("/service/name").asText()))
                        .isEqualTo("project-service");
            });
        });
    }

    private static Map<String, String> environment(String databasePrefix) {
        return Map.of("MONGODB_URI", SharedMongo.connectionString(),
                "MONGODB_DATABASE", SharedMongo.uniqueDatabaseName(databasePrefix),
                "KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers());
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
