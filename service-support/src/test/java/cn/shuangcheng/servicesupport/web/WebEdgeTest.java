package cn.shuangcheng.servicesupport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.support.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/** The REST edge over real HTTP: every problem kind, security, limits, management port, API docs. */
class WebEdgeTest extends EdgeTestSupport {

    private static final String PROBLEM_JSON = "application/problem+json";

    private Response assertProblem(Response response, int status, String kind) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith(PROBLEM_JSON);
        JsonNode problem = response.json();
        assertThat(problem.path("type").asString()).isEqualTo("urn:shuangcheng:problem:" + kind);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(response.header("X-Correlation-Id")).isNotBlank();
        return response;
    }

    private String openLedger(String name) {
        Response created = api("/api/test/ledgers").bearer("alice", WRITE)
                .postJson("{\"name\":\"" + name + "\",\"kind\":\"CASH\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    @Nested
    class BodyReading {

        @Test
        void malformedJsonIs400() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE).postJson("{\"name\": \"x\",");
            assertProblem(response, 400, "malformed-request");
        }

        @Test
        void missingBodyIs400() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE).postJson("");
            assertProblem(response, 400, "malformed-request");
        }

        @Test
        void wrongTypeNamesTheNestedField() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE).postJson(
                    "{\"name\":\"a\",\"kind\":\"CASH\",\"entries\":[{\"period\":\"2023-01\",\"amountYuan\":\"lots\"}]}");
            assertProblem(response, 400, "invalid-request");
            assertThat(response.errors()).containsExactly("entries[0].amountYuan: must be a number");
        }

        @Test
        void unknownEnumValueNamesFieldAndAllowedValues() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE)
                    .postJson("{\"name\":\"a\",\"kind\":\"GOLD\"}");
            assertProblem(response, 400, "invalid-request");
            assertThat(response.errors()).containsExactly("kind: must be one of [CASH, BANK]");
        }

        @Test
        void impossibleDateNamesTheField() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE)
                    .postJson("{\"name\":\"a\",\"kind\":\"CASH\",\"openedOn\":\"2023-13-45\"}");
            assertProblem(response, 400, "invalid-request");
            assertThat(response.errors()).containsExactly("openedOn: must be a date (YYYY-MM-DD)");
        }

        @Test
        void objectWhereArrayExpectedNamesTheField() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE)
                    .postJson("{\"name\":\"a\",\"kind\":\"CASH\",\"regions\":{\"a\":1}}");
            assertProblem(response, 400, "invalid-request");
            assertThat(response.errorFields()).containsExactly("regions");
        }

        @Test
        void unsupportedMediaTypeIs415() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE).post("text/plain", "name=a");
            assertProblem(response, 415, "unsupported-media-type");
        }
    }

    @Nested
    class Validation {

        @Test
        void beanValidationOfTheBodyIs422WithEveryField() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE).postJson("""
                    {"name":"","kind":null,"regions":["123456","510100","500000","510000"],
                     "entries":[{"period":null,"amountYuan":-1}]}""");
            assertProblem(response, 422, "validation");
            assertThat(response.errorFields()).containsExactlyInAnyOrder(
                    "name", "kind", "regions", "regions[0]", "entries[0].period", "entries[0].amountYuan");
            assertThat(response.errors()).contains("name: must not be blank");
            assertThat(response.json().path("detail").asString()).isEqualTo("6 fields are invalid.");
        }

        @Test
        void constraintOnAQueryParameterIs422NamingIt() {
            Response response = api("/api/test/ledgers?page=0&size=501").bearer("bob", READ).get();
            assertProblem(response, 422, "validation");
            assertThat(response.errors()).containsExactly("size: must be less than or equal to 500");
        }

        @Test
        void missingQueryParameterIs400NamingIt() {
            Response response = api("/api/test/ledgers").bearer("bob", READ).get();
            assertProblem(response, 400, "invalid-request");
            assertThat(response.errors()).containsExactly("page: is required");
        }

        @Test
        void queryParameterOfWrongTypeIs400NamingIt() {
            assertThat(assertProblem(api("/api/test/ledgers?page=first").bearer("bob", READ).get(), 400, "invalid-request")
                    .errors()).containsExactly("page: must be a number");
            assertThat(assertProblem(api("/api/test/ledgers?page=0&kind=GOLD").bearer("bob", READ).get(), 400,
                    "invalid-request").errors()).containsExactly("kind: must be one of [CASH, BANK]");
        }

        @Test
        void validQueryIsAnswered() {
            Response response = api("/api/test/ledgers?page=2&size=500&kind=BANK").bearer("bob", READ).get();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("[\"2/500/BANK\"]");
        }
    }

    @Nested
    class DomainAndAxon {

        @Test
        void createAnswers201WithLocationVersionAndEtag() {
            Response created = api("/api/test/ledgers").bearer("alice", WRITE).postJson("{\"name\":\"n\",\"kind\":\"BANK\"}");
            assertThat(created.status()).isEqualTo(201);
            String id = created.json().path("id").asString();
            assertThat(created.header("Location")).isEqualTo("http://localhost:" + port + "/api/test/ledgers/" + id);
            assertThat(created.json().path("version").asLong()).isZero();
            assertThat(created.header("ETag")).isEqualTo("\"0\"");
        }

        @Test
        void ruleViolationIs422NamingTheField() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE)
                    .postJson("{\"name\":\"reserved\",\"kind\":\"CASH\"}");
            assertProblem(response, 422, "rule-violated");
            assertThat(response.errors()).containsExactly("name: 'reserved' is not available as a ledger name");
            assertThat(response.json().path("detail").asString()).isEqualTo("'reserved' is not available as a ledger name");
        }

        @Test
        void stateConflictIs409EvenWhenTheFutureWrapsIt() {
            String id = openLedger("to-close");
            assertThat(api("/api/test/ledgers/" + id + "/closure").bearer("alice", WRITE).postJson("{}").status())
                    .isEqualTo(200);
            Response again = api("/api/test/ledgers/" + id + "/closure").bearer("alice", WRITE).postJson("{}");
            assertProblem(again, 409, "state-conflict");
            assertThat(again.json().path("detail").asString()).isEqualTo("The ledger is already closed.");
        }

        @Test
        void ifMatchWithStaleVersionIs409AndCurrentVersionSucceeds() {
            String id = openLedger("versioned");
            Response first = api("/api/test/ledgers/" + id + "/name").bearer("alice", WRITE)
                    .header("If-Match", "\"0\"").postJson("{\"name\":\"v1\"}");
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.json().path("version").asLong()).isEqualTo(1);
            assertThat(first.header("ETag")).isEqualTo("\"1\"");

            Response stale = api("/api/test/ledgers/" + id + "/name").bearer("alice", WRITE)
                    .header("If-Match", "\"0\"").postJson("{\"name\":\"v2\"}");
            assertProblem(stale, 409, "version-conflict");
            assertThat(stale.body()).doesNotContain("Ledger").doesNotContain("org.axonframework");

            Response weak = api("/api/test/ledgers/" + id + "/name").bearer("alice", WRITE)
                    .header("If-Match", "W/\"1\"").postJson("{\"name\":\"v2\"}");
            assertThat(weak.json().path("version").asLong()).isEqualTo(2);
            Response bare = api("/api/test/ledgers/" + id + "/name").bearer("alice", WRITE)
                    .header("If-Match", "2").postJson("{\"name\":\"v3\"}");
            assertThat(bare.json().path("version").asLong()).isEqualTo(3);
            Response any = api("/api/test/ledgers/" + id + "/name").bearer("alice", WRITE)
                    .header("If-Match", "*").postJson("{\"name\":\"v4\"}");
            assertThat(any.json().path("version").asLong()).isEqualTo(4);
        }

        @Test
        void malformedIfMatchIs400() {
            String id = openLedger("if-match");
            Response response = api("/api/test/ledgers/" + id + "/name").bearer("alice", WRITE)
                    .header("If-Match", "\"1\", \"2\"").postJson("{\"name\":\"x\"}");
            assertProblem(response, 400, "invalid-request");
            assertThat(response.errorFields()).containsExactly("If-Match");

            Response twoLines = api("/api/test/ledgers/" + id + "/name").bearer("alice", WRITE)
                    .header("If-Match", "\"0\"").header("If-Match", "\"1\"").postJson("{\"name\":\"x\"}");
            assertProblem(twoLines, 400, "invalid-request");
            assertThat(twoLines.errorFields()).containsExactly("If-Match");
        }

        @Test
        void unknownAggregateIs404() {
            Response response = api("/api/test/ledgers/" + UUID.randomUUID() + "/name").bearer("alice", WRITE)
                    .postJson("{\"name\":\"x\"}");
            assertProblem(response, 404, "not-found");
        }

        @Test
        void unexpectedExceptionIs500WithoutInternals() {
            Response response = api("/api/test/boom").bearer("bob", READ).get();
            assertProblem(response, 500, "internal");
            assertThat(response.body()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
        }
    }

    @Nested
    class Routing {

        @Test
        void unknownRouteIs404() {
            assertProblem(api("/api/test/nothing-here").bearer("bob", READ).get(), 404, "not-found");
        }

        @Test
        void wrongMethodIs405() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE).delete();
            assertProblem(response, 405, "method-not-allowed");
            assertThat(response.header("Allow")).contains("POST");
        }
    }

    @Nested
    class RequestSize {

        private static String ledgerOfSize(int bytes) {
            String prefix = "{\"kind\":\"CASH\",\"name\":\"";
            return prefix + "a".repeat(bytes - prefix.length() - 2) + "\"}";
        }

        @Test
        void declaredLengthOverTheLimitIs413() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE).postJson(ledgerOfSize(2048));
            assertProblem(response, 413, "payload-too-large");
        }

        @Test
        void chunkedBodyOverTheLimitIs413() {
            Response response = api("/api/test/ledgers").bearer("alice", WRITE).postJsonChunked(ledgerOfSize(8192));
            assertProblem(response, 413, "payload-too-large");
        }

        @Test
        void chunkedBodyWithinTheLimitIsRead() {
            // 422 (name too long) shows the body got through the limit and was parsed
            Response response = api("/api/test/ledgers").bearer("alice", WRITE).postJsonChunked(ledgerOfSize(900));
            assertProblem(response, 422, "validation");
        }

        @Test
        void pathOverrideAllowsLargerBodies() {
            String lines = "{\"lines\":[" + ("\"" + "x".repeat(98) + "\",").repeat(40) + "\"end\"]}";
            assertThat(lines.length()).isGreaterThan(4000);
            Response declared = api("/api/test/bulk").bearer("alice", WRITE).postJson(lines);
            assertThat(declared.status()).as(declared.toString()).isEqualTo(202);
            assertThat(declared.json().path("id").asString()).isEqualTo("bulk-41");
            Response chunked = api("/api/test/bulk").bearer("alice", WRITE).postJsonChunked(lines);
            assertThat(chunked.status()).as(chunked.toString()).isEqualTo(202);
        }

        @Test
        void pathOverrideStillHasALimit() {
            String lines = "{\"lines\":[\"" + "x".repeat(70_000) + "\"]}";
            assertProblem(api("/api/test/bulk").bearer("alice", WRITE).postJsonChunked(lines), 413, "payload-too-large");
        }
    }

    @Nested
    class Security {

        @Test
        void noTokenIs401ProblemWithBearerChallenge() {
            Response response = api("/api/test/ledgers").postJson("{\"name\":\"a\",\"kind\":\"CASH\"}");
            assertProblem(response, 401, "unauthorized");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }

        @Test
        void expiredTokenIs401() {
            Response response = api("/api/test/ledgers?page=0").token(TestTokens.expiredToken("bob", READ)).get();
            assertProblem(response, 401, "unauthorized");
            assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
        }

        @Test
        void tokenSignedByAnotherKeyIs401() {
            Response response = api("/api/test/ledgers?page=0").token(TestTokens.tokenFromUnknownIssuer("bob", READ)).get();
            assertProblem(response, 401, "unauthorized");
        }

        @Test
        void unknownRouteWithoutTokenIs401NotARouteMap() {
            assertProblem(api("/api/test/nothing-here").get(), 401, "unauthorized");
            assertProblem(api("/somewhere-else").get(), 401, "unauthorized");
        }

        @Test
        void wrongScopeIs403Problem() {
            Response response = api("/api/test/ledgers").bearer("bob", READ).postJson("{\"name\":\"a\",\"kind\":\"CASH\"}");
            assertProblem(response, 403, "forbidden");
            assertThat(response.header("WWW-Authenticate")).contains("insufficient_scope");
        }

        @Test
        void writeScopeDoesNotGrantReads() {
            assertProblem(api("/api/test/ledgers?page=0").bearer("alice", WRITE).get(), 403, "forbidden");
        }

        @Test
        void noSessionCookieIsHandedOut() {
            Response response = api("/api/test/ledgers?page=0").bearer("bob", READ).get();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        }
    }

    @Nested
    class Management {

        @Test
        void healthIsOpenOnTheManagementPort() {
            Response response = management("/actuator/health").get();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().path("status").asString()).isEqualTo("UP");
        }

        @Test
        void prometheusIsOpenOnTheManagementPort() {
            Response response = management("/actuator/prometheus").get();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.body()).contains("jvm_memory_used_bytes");
        }

        @Test
        void managementEndpointsAreNotServedOnTheApiPort() {
            assertThat(managementPort).isNotEqualTo(port);
            Response response = api("/actuator/health").get();
            assertThat(response.status()).as(response.toString()).isIn(401, 404);
            assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        }
    }

    @Nested
    class ApiDocs {

        @Test
        void openApiIsOpenAndDescribesBearerAuthAndProblems() {
            Response response = api("/v3/api-docs").get();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode doc = response.json();
            assertThat(doc.path("components").path("securitySchemes").path("bearer-jwt").path("scheme").asString())
                    .isEqualTo("bearer");
            assertThat(doc.path("security").toString()).contains("bearer-jwt");
            assertThat(doc.path("components").path("schemas").path("Problem").path("properties").has("errors")).isTrue();
            JsonNode open = doc.path("paths").path("/api/test/ledgers").path("post").path("responses");
            assertThat(open.path("422").path("$ref").asString()).isEqualTo("#/components/responses/Problem422");
            assertThat(open.path("413").isMissingNode()).isFalse();
            assertThat(doc.path("components").path("responses").path("Problem422").path("content")
                    .has("application/problem+json")).isTrue();
        }

        /** The contract: no input is ever answered 500, and 503 with Retry-After while a dependency is down. */
        @Test
        void everyOperationDocuments503WithRetryAfterAndNone500() {
            JsonNode doc = api("/v3/api-docs").get().json();
            List<String> operations = new ArrayList<>();
            doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
                JsonNode responses = operation.getValue().path("responses");
                operations.add(operation.getKey() + " " + path.getKey());
                assertThat(responses.has("500")).as(operation.getKey() + " " + path.getKey() + " documents 500")
                        .isFalse();
                assertThat(responses.path("503").path("$ref").asString())
                        .as(operation.getKey() + " " + path.getKey()).isEqualTo("#/components/responses/Problem503");
            }));
            assertThat(operations).isNotEmpty();
            assertThat(doc.path("components").path("responses").path("Problem503").path("headers").has("Retry-After"))
                    .isTrue();
        }
    }

    @Nested
    class Correlation {

        @Test
        void suppliedCorrelationIdIsEchoed() {
            Response response = api("/api/test/ledgers?page=0").bearer("bob", READ)
                    .header("X-Correlation-Id", "req-2024:abc_1.2").get();
            assertThat(response.header("X-Correlation-Id")).isEqualTo("req-2024:abc_1.2");
        }

        @Test
        void missingOrUnsafeCorrelationIdIsReplacedByAUuid() {
            String generated = api("/api/test/ledgers?page=0").bearer("bob", READ).get().header("X-Correlation-Id");
            assertThat(UUID.fromString(generated)).isNotNull();
            String replaced = api("/api/test/ledgers?page=0").bearer("bob", READ)
                    .header("X-Correlation-Id", "<script>alert(1)</script>").get().header("X-Correlation-Id");
            assertThat(UUID.fromString(replaced)).isNotNull();
        }

        @Test
        void problemsFromSecurityCarryTheCorrelationIdToo() {
            Response response = api("/api/test/ledgers").header("X-Correlation-Id", "unauth-1").get();
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("X-Correlation-Id")).isEqualTo("unauth-1");
        }
    }
}
