package cn.shuangcheng.projects.it;

import cn.shuangcheng.projects.ProjectServiceApplication;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import cn.shuangcheng.support.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * issue 11: a project-service with a small heap ({@value #HEAP}, exiting on OutOfMemoryError) survives ten parallel
 * hostile intake bodies at the 16 MB limit and still answers. The service runs in a JVM of its own, started from
 * this test's classpath, against the shared broker and MongoDB stand-in. The bodies are generated as they are sent,
 * so the test itself holds none of them.
 */
class SmallHeapIntakeTest {

    private static final String HEAP = "-Xmx256m";
    /** Just under the intake path's 16 MB body limit (application.yml). */
    private static final long BODY_BYTES = 16L * 1024 * 1024 - 64;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Process service;
    private static int port;
    private static int managementPort;
    private static Path log;

    @BeforeAll
    static void start() throws Exception {
        port = freePort();
        do { // two free ports asked for in a row can be the same one
            managementPort = freePort();
        } while (managementPort == port);
        log = Files.createTempFile("small-heap-project-service", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), ProjectServiceApplication.class.getName(),
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--spring.mongodb.uri=" + SharedMongo.connectionString(),
                "--shuangcheng.mongodb.database=" + SharedMongo.uniqueDatabaseName("small_heap"),
                "--shuangcheng.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--shuangcheng.publication.topic=" + SharedKafka.uniqueTopic("shuangcheng.project.events.v1"),
                "--shuangcheng.intake.submissions-topic=" + SharedKafka.uniqueTopic("shuangcheng.intake.submissions.v1"),
                "--shuangcheng.intake.rejections-topic=" + SharedKafka.uniqueTopic("shuangcheng.intake.rejections.v1")));
        command.addAll(TestTokens.securityArguments());
        service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(service.isAlive()).as("the service exited; see " + log).isTrue();
            return management("/actuator/health/readiness").statusCode() == 200;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void ten_parallel_hostile_bodies_at_the_limit_leave_it_answering() throws Exception {
        List<Hostile> bodies = List.of(
                new Hostile("json-empty-items-1", "application/json", "{\"items\":[", "{},", "{}]}"),
                new Hostile("json-empty-items-2", "application/json", "{\"items\":[", "{},", "{}]}"),
                new Hostile("csv-one-row-of-millions-of-cells", "text/csv", "externalRef,name\n", "a,", "\n"),
                new Hostile("json-small-items", "application/json", "{\"items\":[", "{\"externalRef\":\"x\"},",
                        "{}]}"),
                new Hostile("json-one-long-string", "application/json", "{\"items\":[{\"name\":\"", "长", "\"}]}"),
                new Hostile("json-one-item-many-keys", "application/json", "{\"items\":[{\"k\":0", ",\"k\":1",
                        "}]}"),
                new Hostile("json-deep-nesting", "application/json", "{\"items\":", "[", "]"),
                new Hostile("json-long-number", "application/json", "{\"items\":[{\"totalInvestmentYuan\":1", "9",
                        "}]}"),
                new Hostile("csv-many-rows", "text/csv", "externalRef,name\n", "R,n\n", ""),
                new Hostile("csv-long-header", "text/csv", "externalRef", ",c", "\nR\n"));
        assertThat(bodies).hasSize(10);

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (Hostile body : bodies) {
            answers.add(HTTP.sendAsync(body.request(), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> figures = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            HttpResponse<String> answer = answers.get(i).get(5, TimeUnit.MINUTES);
            figures.add(bodies.get(i).name() + "=" + answer.statusCode());
            assertThat(answer.statusCode()).as(bodies.get(i).name() + ": " + answer.body()).isBetween(200, 499);
        }
        long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertThat(service.isAlive()).as("the service exited; see " + log).isTrue();
        assertThat(management("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> normal = HTTP.send(HttpRequest.newBuilder(URI.create(api("/api/v1/intake/batches")))
                .header("Authorization", "Bearer " + Tokens.intakeSystem())
                .header("Idempotency-Key", "after-" + UUID.randomUUID()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"externalRef\":\"AFTER-1\",\"name\":\"n\","
                        + "\"sector\":\"ECOLOGY\",\"regions\":[\"510100\"],\"totalInvestmentYuan\":1000}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(normal.statusCode()).as(normal.body()).isEqualTo(202);
        String batchId = JSON.readTree(normal.body()).path("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(batch(batchId).path("status").asString()));
        assertThat(batch(batchId).path("accepted").asInt()).isEqualTo(1);

        JsonNode heap = JSON.readTree(management("/actuator/metrics/jvm.memory.used?tag=area:heap").body());
        System.out.printf("SMALL-HEAP %s: ten parallel %,d-byte hostile intake bodies answered in %,d ms (%s); "
                        + "heap used afterwards %,.0f MB; a normal batch afterwards COMPLETED%n", HEAP, BODY_BYTES,
                elapsedMs, String.join(", ", figures),
                heap.path("measurements").get(0).path("value").asDouble() / (1024 * 1024));
    }

    private static JsonNode batch(String id) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(api("/api/v1/intake/batches/" + id)))
                .header("Authorization", "Bearer " + Tokens.intakeSystem()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    private static String api(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static HttpResponse<String> management(String path) throws Exception {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new FailedResponse();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A body of exactly {@link #BODY_BYTES}: a head, a unit repeated, a tail (the unit's bytes fill the gap). */
    private record Hostile(String name, String contentType, String head, String unit, String tail) {

        HttpRequest request() {
            return HttpRequest.newBuilder(URI.create(api("/api/v1/intake/batches")))
                    .header("Authorization", "Bearer " + Tokens.intakeSystem())
                    .header("Idempotency-Key", name + "-" + UUID.randomUUID())
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(this::stream), BODY_BYTES))
                    .build();
        }

        private InputStream stream() {
            byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
            byte[] unitBytes = unit.getBytes(StandardCharsets.UTF_8);
            byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
            long middle = BODY_BYTES - headBytes.length - tailBytes.length;
            return new InputStream() {
                private long position;

                @Override
                public int read() {
                    if (position >= BODY_BYTES) {
                        return -1;
                    }
                    long p = position++;
                    if (p < headBytes.length) {
                        return headBytes[(int) p] & 0xFF;
                    }
                    p -= headBytes.length;
                    if (p < middle) {
                        // whole units, then spaces to fill what a unit cannot (JSON and CSV both allow them there)
                        long whole = middle / unitBytes.length * unitBytes.length;
                        return p < whole ? unitBytes[(int) (p % unitBytes.length)] & 0xFF : ' ';
                    }
                    return tailBytes[(int) (p - middle)] & 0xFF;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    if (position >= BODY_BYTES) {
                        return -1;
                    }
                    int n = (int) Math.min(length, BODY_BYTES - position);
                    for (int i = 0; i < n; i++) {
                        buffer[offset + i] = (byte) read();
                    }
                    return n;
                }
            };
        }
    }

    /** The management port did not answer (yet). */
    private static final class FailedResponse implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return 0;
        }

        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public String body() {
            return "";
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            return null;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
