package cn.shuangcheng.localstack.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON client of one service's REST API with one client's bearer token: what the demo loader and the summary
 * need, nothing more. Answers are returned whatever their status; callers decide what a status means.
 */
public final class Api {

    /** One answer: status, body as JSON (a missing node when empty or not JSON), the raw text for messages. */
    public record Answer(int status, JsonNode body, String raw) {

        public boolean is(int expected) {
            return status == expected;
        }

        public String describe() {
            return status + " " + (raw.length() > 600 ? raw.substring(0, 600) + "…" : raw);
        }
    }

    private final HttpClient http;
    private final JsonMapper json;
    private final String baseUrl;
    private final ClientCredentials credentials;

    public Api(HttpClient http, JsonMapper json, String baseUrl, ClientCredentials credentials) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
    }

    public Answer get(String path) {
        return get(path, Map.of());
    }

    /** A GET with headers of its own, e.g. {@code Accept: text/plain}; they replace the defaults. */
    public Answer get(String path, Map<String, String> headers) {
        return send(request(path).GET(), headers);
    }

    public Answer post(String path, Object body) {
        return post(path, body, Map.of());
    }

    public Answer post(String path, Object body, Map<String, String> headers) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), headers);
    }

    /**
     * Every item of a paged list ({@code {"items": [...]}}), page after page of {@code pageSize} until a short one;
     * Fails naming {@code what} on any answer but 200.
     */
    public List<JsonNode> allItems(String path, int pageSize, String what) {
        List<JsonNode> items = new ArrayList<>();
        String query = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            Answer answer = get(path + query + "size=" + pageSize + "&page=" + page);
            if (!answer.is(200)) {
                throw new IllegalStateException("cannot read " + what + ": " + answer.describe());
            }
            JsonNode onPage = answer.body().path("items");
            onPage.forEach(items::add);
            if (onPage.size() < pageSize) {
                return items;
            }
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + credentials.accessToken());
    }

    private Answer send(HttpRequest.Builder request, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.forEach(request::setHeader);
        HttpRequest built = request.build();
        try {
            HttpResponse<String> answer = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), parse(answer.body()), answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + built.method() + " " + built.uri(), e);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return json.missingNode();
        }
    }

    public JsonMapper json() {
        return json;
    }
}
