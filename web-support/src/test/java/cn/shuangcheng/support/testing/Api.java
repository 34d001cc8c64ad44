package cn.shuangcheng.support.testing;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A partner system's view of a service: real HTTP calls with a bearer token, as docs/api-guide.md describes. Each call
 * names the token it carries, so that tests read as "the intake system proposes ...". Shared by the services' tests.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    public Api(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** An answer: status, headers and the body parsed as JSON (or null when empty or not JSON). */
    public record Answer(int status, HttpResponse<String> raw, JsonNode body) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String id() {
            return body.path("id").asString();
        }

        public long version() {
            return body.path("version").asLong();
        }
    }

    public Request post(String path) {
        return new Request("POST", path);
    }

    public Request put(String path) {
        return new Request("PUT", path);
    }

    public Request get(String path) {
        return new Request("GET", path);
    }

    public Request delete(String path) {
        return new Request("DELETE", path);
    }

    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body = "";

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
            headers.put("Content-Type", "application/json");
        }

        public Request token(String bearerToken) {
            headers.put("Authorization", "Bearer " + bearerToken);
            return this;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request json(Object body) {
            this.body = body instanceof String s ? s : JSON.writeValueAsString(body);
            return this;
        }

        public Answer send() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(builder::header);
            try {
                HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode parsed = null;
                if (!response.body().isBlank()) {
                    try {
                        parsed = JSON.readTree(response.body());
                    } catch (JacksonException notJson) {
                        parsed = null;
                    }
                }
                return new Answer(response.statusCode(), response, parsed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
