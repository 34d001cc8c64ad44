package cn.shuangcheng.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.shuangcheng.support.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The web edge without Axon on the classpath: problems, scopes, limits, correlation id, API docs. */
@SpringBootTest(classes = PlainEdgeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.application.name=plain-edge", "management.server.port=0",
                "management.endpoints.web.exposure.include=health", "shuangcheng.web.max-request-bytes=1KB",
                // no database here: with the (optional) driver on the class path Boot would connect to
                // localhost:27017 and the health would depend on whatever listens there
                "spring.autoconfigure.exclude=org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration"})
class PlainEdgeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void jwt(DynamicPropertyRegistry registry) {
        TestTokens.securityProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Value("${local.server.port}")
    int port;

    @Value("${local.management.port}")
    int managementPort;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    /**
     * No endpoint takes forms or uploads: their parsers would run before authentication and outside the body limit.
     * A slow client is dropped after 20 s of silence.
     */
    @Test
    void formAndMultipartBodiesAreNeverParsed() {
        assertThat(context.getBeansOfType(org.springframework.web.filter.FormContentFilter.class)).isEmpty();
        assertThat(context.getBeansOfType(org.springframework.web.multipart.MultipartResolver.class)).isEmpty();
        assertThat(context.getBeansOfType(jakarta.servlet.MultipartConfigElement.class)).isEmpty();
        var server = (org.springframework.boot.tomcat.TomcatWebServer)
                ((org.springframework.boot.web.server.context.WebServerApplicationContext) context).getWebServer();
        var connector = server.getTomcat().getConnector();
        assertThat(connector.getMaxPostSize()).isEqualTo(1);
        assertThat(connector.getProperty("connectionTimeout")).isEqualTo(20_000);
        assertThat(connector.getProperty("keepAliveTimeout")).isEqualTo(75_000);
    }

    @Test
    void axonIsNotOnTheClasspath() {
        assertThat(getClass().getClassLoader().getResource("org/axonframework/messaging/Message.class")).isNull();
    }

    @Test
    void writesAndReadsWithScopes() throws Exception {
        HttpResponse<String> created = post("/api/notes/a", "{\"text\":\"hello\",\"amountYuan\":5}", "notes:write");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(get("/api/notes/a", "notes:read").body()).isEqualTo("hello");
        assertProblem(get("/api/notes/a", "notes:write"), 403, "forbidden");
        assertProblem(send(HttpRequest.newBuilder(uri("/api/notes/a")).GET()), 401, "unauthorized");
    }

    @Test
    void headIsAuthorizedAsTheGetOfItsPath() throws Exception {
        post("/api/notes/h", "{\"text\":\"hello\",\"amountYuan\":5}", "notes:write");
        // the write rule names no method, so before HEAD was authorized as GET it let a writer read by HEAD, and the
        // read rule (GET) refused a reader's HEAD
        HttpResponse<String> writer = head("/api/notes/h", "notes:write");
        assertThat(writer.statusCode()).isEqualTo(403);
        HttpResponse<String> reader = head("/api/notes/h", "notes:read");
        assertThat(reader.statusCode()).isEqualTo(200);
        assertThat(reader.body()).isEmpty();
        assertThat(send(HttpRequest.newBuilder(uri("/api/notes/h")).method("HEAD", HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aHostNoLinkCanBeBuiltWithIsRefusedBeforeTheWrite() throws Exception {
        // Tomcat takes these hosts, java.net.URI does not: the create's Location failed after the note was stored
        for (String host : java.util.List.of("1.2.3", "a.1", "a1.2b", "1.2.3 encoded")) {
            String prefix = host.endsWith(" encoded") ? "/%61pi/" : "/api/";
            host = host.replace(" encoded", "");
            String id = "host-" + host.replace('.', '-') + (prefix.equals("/api/") ? "" : "-encoded");
            String json = "{\"text\":\"hello\",\"amountYuan\":5}";
            String answer = rawHttp("POST " + prefix + "notes/" + id + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: "
                    + TestTokens.bearer("alice", "notes:write") + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.length() + "\r\nConnection: close\r\n\r\n" + json);
            assertThat(answer).as(host).startsWith("HTTP/1.1 400").contains("application/problem+json",
                    "urn:shuangcheng:problem:invalid-request", "Host");
            assertThat(get("/api/notes/" + id, "notes:read").body()).as(host).isEmpty();
        }
        assertThat(post("/api/notes/host-ok", "{\"text\":\"hello\",\"amountYuan\":5}", "notes:write").statusCode())
                .isEqualTo(201);
        // a read builds no link: served whatever the host (a proxy's upstream name, say)
        assertThat(rawHttp("GET /api/notes/host-ok HTTP/1.1\r\nHost: 1.2.3\r\nAuthorization: "
                + TestTokens.bearer("alice", "notes:read") + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200").contains("hello");
    }

    private String rawHttp(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void onlyTokensIssuedByTheIssuerForThisAudienceWithTheKnownKeyAndInTimeAreAccepted() throws Exception {
        assertThat(getWith("Bearer " + TestTokens.token("alice", "notes:read")).statusCode()).isIn(200, 404);
        Map<String, String> refused = Map.of(
                "another application's audience", TestTokens.tokenForAudience("urn:other:app", "alice", "notes:read"),
                "another issuer", TestTokens.tokenFromIssuer("https://other.example/realm", "alice", "notes:read"),
                "an unknown key", TestTokens.tokenFromUnknownIssuer("alice", "notes:read"),
                "expired", TestTokens.expiredToken("alice", "notes:read"),
                "alg none", TestTokens.unsecuredToken("alice", "notes:read"));
        for (Map.Entry<String, String> token : refused.entrySet()) {
            HttpResponse<String> answer = getWith("Bearer " + token.getValue());
            assertThat(answer.statusCode()).as(token.getKey()).isEqualTo(401);
            assertProblem(answer, 401, "unauthorized");
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(token.getKey()).get().asString()
                    .contains("invalid_token");
        }
    }

    @Test
    void pathsTheContainerRefusesBeforeAnyFilterAreAnsweredWithProblemJsonToo() throws Exception {
        // Tomcat refuses these while parsing the request line, before the servlet filters and Spring MVC; its own
        // answer is an HTML page
        for (String path : java.util.List.of("/api/notes/%00", "/api/notes/..%2F..%2Fetc%2Fpasswd",
                "/api/notes/%2e%2e/%2e%2e/%2e%2e/x", "/api/notes/a%5C..%5C..")) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path)).GET());
            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.body()).as(path).doesNotContain("<html", "Tomcat", "Exception");
        }
    }

    private HttpResponse<String> getWith(String authorization) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/notes/a")).header("Authorization", authorization).GET());
    }

    @Test
    void domainExceptionsAndMappersAreProblems() throws Exception {
        assertProblem(post("/api/notes/r", "{\"text\":\"reserved\",\"amountYuan\":5}", "notes:write"), 422, "rule-violated");
        post("/api/notes/twice", "{\"text\":\"x\",\"amountYuan\":5}", "notes:write");
        assertProblem(post("/api/notes/twice", "{\"text\":\"x\",\"amountYuan\":5}", "notes:write"), 409, "state-conflict");
        assertProblem(get("/api/notes/gone", "notes:read"), 404, "not-found");
        HttpResponse<String> boom = get("/api/notes/boom", "notes:read");
        assertProblem(boom, 500, "internal");
        assertThat(boom.body()).doesNotContain("hunter2");
    }

    @Test
    void badInputIsAProblemNamingTheField() throws Exception {
        HttpResponse<String> fraction = post("/api/notes/f", "{\"text\":\"x\",\"amountYuan\":1.5}", "notes:write");
        assertProblem(fraction, 400, "invalid-request");
        assertThat(fraction.body()).contains("amountYuan");
        assertProblem(post("/api/notes/v", "{\"text\":\"\",\"amountYuan\":1}", "notes:write"), 422, "validation");
        assertProblem(get("/api/notes?size=501", "notes:read"), 422, "validation");
        assertProblem(post("/api/notes/big", "{\"text\":\"" + "x".repeat(2000) + "\",\"amountYuan\":1}", "notes:write"),
                413, "payload-too-large");
    }

    @Test
    void numbersBeyondTheBoundsAreRefusedWithoutBeingExpanded() throws Exception {
        assertThat(measure("1e999999999", "1").statusCode()).isEqualTo(422);
        assertThat(measure("1e999999999", "1").body()).contains("value");
        // trailing zeros whose stripping would overflow the scale: 422 too, not a 500
        assertProblem(measure("100E2147483647", "1"), 422, "validation");
        assertProblem(measure("-100E2147483647", "1"), 422, "validation");
        assertThat(measure("0E+2147483647", "1").statusCode()).isEqualTo(201);
        assertProblem(measure("0.0000001", "1"), 422, "validation");
        assertProblem(measure("1234567890123456789", "1"), 422, "validation");
        assertThat(measure("123456789012.123456", "1").statusCode()).isEqualTo(201);
        assertThat(measure("1.5E+3", "0").statusCode()).isEqualTo(201);
        assertThat(measure("2", "100000000000000").statusCode()).isEqualTo(201);
        HttpResponse<String> overBound = measure("2", "100000000000001");
        assertProblem(overBound, 422, "validation");
        assertThat(overBound.body()).contains("amountYuan");
        assertProblem(measure("2", "9223372036854775807"), 422, "validation");
        assertProblem(measure("2", "-1"), 422, "validation");
        HttpResponse<String> outOfLong = measure("2", "99999999999999999999");
        assertProblem(outOfLong, 400, "invalid-request");
        assertThat(outOfLong.body()).contains("amountYuan");
    }

    @Test
    void datesAndMonthsHaveFourDigitYearsHoweverTheyAreWritten() throws Exception {
        for (String date : java.util.List.of("\"+10000-01-01\"", "\"+999999999-12-31\"", "[10000,1,1]",
                "\"0000-12-31\"", "\"-0001-01-01\"")) {
            HttpResponse<String> answer = post("/api/notes/d/measures", "{\"value\":1,\"on\":" + date + "}",
                    "notes:write");
            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.body()).as(date).contains("\"field\":\"on\"");
        }
        for (String month : java.util.List.of("\"+10000-01\"", "[10000,1]")) {
            HttpResponse<String> answer = post("/api/notes/d/measures", "{\"value\":1,\"period\":" + month + "}",
                    "notes:write");
            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.body()).as(month).contains("\"field\":\"period\"");
        }
        assertThat(post("/api/notes/d/measures", "{\"value\":1,\"on\":\"9999-12-31\",\"period\":\"0001-01\"}",
                "notes:write").statusCode()).isEqualTo(201);
        assertThat(post("/api/notes/d/measures", "{\"value\":1,\"on\":[2023,1,31]}", "notes:write").statusCode())
                .isEqualTo(201);
    }

    @Test
    void textWithHalfOfASurrogatePairIsRefusedBeforeAnythingIsStored() throws Exception {
        for (String text : java.util.List.of("a\\ud800b", "\\udfff\\ud800", "end\\ud83d")) {
            HttpResponse<String> answer = post("/api/notes/s", "{\"text\":\"" + text + "\",\"amountYuan\":1}",
                    "notes:write");
            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.body()).as(text).contains("\"field\":\"text\"")
                    .contains("half of a surrogate pair");
        }
        assertThat(get("/api/notes/s", "notes:read").body()).as("nothing stored").isEmpty();
        // a whole pair is a character like any other
        assertThat(post("/api/notes/s", "{\"text\":\"\\ud83d\\ude00\",\"amountYuan\":1}", "notes:write")
                .statusCode()).isEqualTo(201);
        assertThat(get("/api/notes/s", "notes:read").body()).isEqualTo("\ud83d\ude00");
    }

    @Test
    void bodiesBeyondTheParserLimitsAreMalformed() throws Exception {
        String deep = "[".repeat(40) + "]".repeat(40);
        // an unknown field is skipped, but read: its nesting still counts
        assertProblem(post("/api/notes/deep", "{\"extra\":" + deep + ",\"text\":\"x\",\"amountYuan\":1}", "notes:write"),
                400, "malformed-request");
        assertProblem(post("/api/notes/long", "{\"text\":\"x\",\"amountYuan\":" + "9".repeat(100) + "}",
                "notes:write"), 400, "malformed-request");
        HttpResponse<String> twice = post("/api/notes/twice-key", "{\"text\":\"x\",\"text\":\"y\",\"amountYuan\":1}",
                "notes:write");
        assertProblem(twice, 400, "malformed-request");
        assertThat(twice.body()).contains("twice");
        assertThat(get("/api/notes/twice-key", "notes:read").body()).isEmpty();
    }

    @Test
    void aPathSegmentNoResourceCanHaveIs404BeforeAnythingReadsIt() throws Exception {
        // /%61pi/ is /api/ to Tomcat, Spring Security and Spring MVC: it reaches the same handlers, so it is checked too
        for (String api : java.util.List.of("/api/", "/%61pi/", "/%61%70%69/")) {
            for (String id : java.util.List.of("x".repeat(5_000), "%E2%80%AE", "%24where", "%E9%95%BF", "a%09b")) {
                HttpResponse<String> answer = get(api + "notes/" + id, "notes:read");
                assertProblem(answer, 404, "not-found");
                assertThat(answer.body()).as(api).doesNotContain("xxxxx");
            }
        }
        // an encoded NUL or line break Tomcat refuses itself (400, its own page), before any filter of ours
        for (String id : java.util.List.of("%00", "a%0d%0aX-Injected:1")) {
            assertThat(get("/api/notes/" + id, "notes:read").statusCode()).isIn(400, 404);
        }
        assertThat(get("/api/notes/a-1.b_c:d~e", "notes:read").statusCode()).isEqualTo(200);
        assertThat(ImplausibleRequestFilter.isPlausible("/api/v1/projects/" + java.util.UUID.randomUUID() + "/investments/2023-01"))
                .isTrue();
    }

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfter() throws Exception {
        HttpResponse<String> offline = get("/api/notes/offline", "notes:read");
        assertProblem(offline, 503, "unavailable");
        assertThat(offline.headers().firstValue("Retry-After")).hasValue("5");
    }

    @Test
    void apiDocsAndHealthAreOpen() throws Exception {
        HttpResponse<String> docs = send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/notes/{id}");
        // only read: an upload to the documents' path was let through to the dispatcher without a token
        HttpResponse<String> upload = send(HttpRequest.newBuilder(uri("/v3/api-docs"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"f\"; "
                        + "filename=\"f\"\r\n\r\n" + "a".repeat(500) + "\r\n--x--\r\n")));
        assertProblem(upload, 401, "unauthorized");
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> measure(String value, String amountYuan) throws Exception {
        return post("/api/notes/m/measures", "{\"value\":" + value + ",\"amountYuan\":" + amountYuan + "}",
                "notes:write");
    }

    private void assertProblem(HttpResponse<String> response, int status, String kind) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).as(response.body()).isEqualTo("urn:shuangcheng:problem:" + kind);
        assertThat(response.headers().firstValue("X-Correlation-Id")).isPresent();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> get(String path, String scope) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", TestTokens.bearer("alice", scope)).GET());
    }

    private HttpResponse<String> head(String path, String scope) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", TestTokens.bearer("alice", scope))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> post(String path, String json, String scope) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", TestTokens.bearer("alice", scope))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
