package cn.shuangcheng.support.testing;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authorization matrix of a service, generated from its own OpenAPI document: every operation under
 * {@code /api/} is called with each credential a caller must not get through with, and must answer 401 (no or
 * untrusted token) or 403 (a trusted token without the operation's scope) as problem+json, before any handler runs.
 * Path variables are filled with a well-formed id that exists nowhere, so no call can change anything even if the
 * check were missing (it would then answer 404 or 422, which the matrix reports).
 */
public final class AuthMatrix {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** A scope no operation of any service needs. */
    private static final String UNRELATED_SCOPE = "unrelated:scope";

    private AuthMatrix() {
    }

    /** An operation of the OpenAPI document: method and path template. */
    public record Operation(String method, String path) {

        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "authz-probe-0");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every operation under {@code /api/} the service documents at {@code /v3/api-docs}. */
    public static List<Operation> operations(Api api) {
        Api.Answer docs = api.get("/v3/api-docs").send();
        if (docs.status() != 200 || docs.body() == null) {
            throw new IllegalStateException("no OpenAPI document: " + docs.status());
        }
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.body().path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (String method : path.getValue().propertyNames()) {
                if (METHODS.contains(method)) {
                    operations.add(new Operation(method.toUpperCase(), path.getKey()));
                }
            }
        }
        return operations;
    }

    /**
     * The credentials that must be refused, each with the status it must get: no token, a token issued for another
     * audience, by another issuer, signed with an unknown key, expired, unsigned ({@code alg: none}) - 401; a
     * trusted token with an unrelated scope - 403.
     */
    public static Map<String, Refusal> refusals(String subject) {
        Map<String, Refusal> refusals = new LinkedHashMap<>();
        refusals.put("no token", new Refusal(null, 401));
        refusals.put("wrong audience", new Refusal(TestTokens.tokenForAudience("urn:other:app", subject,
                UNRELATED_SCOPE), 401));
        refusals.put("wrong issuer", new Refusal(TestTokens.tokenFromIssuer("https://other.example/realm", subject,
                UNRELATED_SCOPE), 401));
        refusals.put("unknown key", new Refusal(TestTokens.tokenFromUnknownIssuer(subject, UNRELATED_SCOPE), 401));
        refusals.put("expired", new Refusal(TestTokens.expiredToken(subject, UNRELATED_SCOPE), 401));
        refusals.put("alg none", new Refusal(TestTokens.unsecuredToken(subject, UNRELATED_SCOPE), 401));
        refusals.put("wrong scope", new Refusal(TestTokens.token(subject, UNRELATED_SCOPE), 403));
        return refusals;
    }

    /** A credential ({@code null}: none) and the status it must get. */
    public record Refusal(String token, int status) {
    }

    /**
     * The matrix for a running service: its OpenAPI document has operations, and every one of them refuses every
     * credential it must (no token, another audience, another issuer, an unknown key, expired, {@code alg: none}:
     * 401; a token without its scope: 403; each as problem+json).
     */
    public static void assertHolds(Api api) {
        List<Operation> operations = operations(api);
        org.assertj.core.api.Assertions.assertThat(operations).as("operations of the OpenAPI document").isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(violations(api, operations)).isEmpty();
    }

    /**
     * Calls every operation with every refused credential; answers one line per call that was not refused as it
     * must be (empty when the service holds the matrix).
     */
    public static List<String> violations(Api api, List<Operation> operations) {
        List<String> violations = new ArrayList<>();
        Map<String, Refusal> refusals = refusals("authz-probe");
        for (Operation operation : operations) {
            refusals.forEach((credential, refusal) -> {
                Api.Request request = switch (operation.method()) {
                    case "GET" -> api.get(operation.concretePath());
                    case "PUT" -> api.put(operation.concretePath()).json("{}");
                    case "DELETE" -> api.delete(operation.concretePath());
                    default -> api.post(operation.concretePath()).json("{}");
                };
                request.header("Idempotency-Key", "authz-probe");
                if (refusal.token() != null) {
                    request.token(refusal.token());
                }
                Api.Answer answer = request.send();
                String type = answer.contentType();
                if (answer.status() != refusal.status() || type == null
                        || !type.startsWith("application/problem+json")) {
                    violations.add(operation + " with " + credential + ": " + answer.status() + " " + type
                            + ", expected " + refusal.status() + " problem+json");
                }
            });
        }
        return violations;
    }
}
