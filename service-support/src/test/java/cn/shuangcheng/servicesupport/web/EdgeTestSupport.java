package cn.shuangcheng.servicesupport.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.shuangcheng.support.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@link EdgeTestApplication} on random ports (API and management) and talks to it with
 * java.net.http and real signed tokens. Subclasses share one application context.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.application.name=edge-test",
                "management.server.port=0",
                "management.endpoints.web.exposure.include=health,prometheus",
                "shuangcheng.web.max-request-bytes=1KB",
                "shuangcheng.web.request-size-overrides[0].path=/api/test/bulk",
                "shuangcheng.web.request-size-overrides[0].max-request-bytes=64KB",
                "axon.axonserver.enabled=false",
                "axon.serializer.general=jackson",
        })
abstract class EdgeTestSupport {

    static final String WRITE = "ledger:write";
    static final String READ = "ledger:read";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void jwt(DynamicPropertyRegistry registry) {
        TestTokens.securityProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Value("${local.server.port}")
    int port;

    @Value("${local.management.port}")
    int managementPort;

    Request api(String path) {
        return new Request(URI.create("http://localhost:" + port + path));
    }

    Request management(String path) {
        return new Request(URI.create("http://localhost:" + managementPort + path));
    }

    /** A request under construction; {@code bearer(...)} adds a real signed token. */
    static final class Request {

        private final HttpRequest.Builder builder;

        Request(URI uri) {
            this.builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        }

        Request bearer(String subject, String... scopes) {
            return header("Authorization", TestTokens.bearer(subject, scopes));
        }

        Request token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        Request header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        Response get() {
            return send(builder.GET());
        }

        Response delete() {
            return send(builder.DELETE());
        }

        Response postJson(String json) {
            return post("application/json", json);
        }

        Response post(String contentType, String body) {
            return send(builder.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        /** Sends the body with chunked transfer encoding: the server sees no Content-Length. */
        Response postJsonChunked(String json) {
            byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return send(builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
        }

        private static Response send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    record Response(int status, HttpHeaders headers, String body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** The {@code errors} of a problem as {@code field: message} strings. */
        List<String> errors() {
            List<String> errors = new ArrayList<>();
            json().path("errors").forEach(e -> errors.add(e.path("field").asString() + ": " + e.path("message").asString()));
            return errors;
        }

        List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            return fields;
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + "\n" + body;
        }
    }
}
