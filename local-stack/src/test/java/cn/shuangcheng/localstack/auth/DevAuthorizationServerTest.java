package cn.shuangcheng.localstack.auth;

import cn.shuangcheng.testsupport.ChildJvm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The development authorization server: client credentials, the demo clients' scopes, a key that survives restarts. */
class DevAuthorizationServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path data;

    @Test
    void issues_signed_tokens_with_the_scopes_a_client_has_and_keeps_its_key_across_a_restart() throws Exception {
        int port = freePort();
        Path keyFile = data.resolve("auth/signing-key.jwk.json");
        String kid;
        try (DevAuthorizationServer server = DevAuthorizationServer.start(port, keyFile)) {
            HttpResponse<String> asked = token(server, DemoClients.ADMIN.clientId(), DemoClients.ADMIN.secret(),
                    "projects:write reports:read");
            assertThat(asked.statusCode()).isEqualTo(200);
            SignedJWT jwt = SignedJWT.parse(json.readTree(asked.body()).path("access_token").asString());
            assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(server.issuer());
            assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("admin");
            assertThat(jwt.getJWTClaimsSet().getStringListClaim("scope"))
                    .containsExactlyInAnyOrder("projects:write", "reports:read");
            assertThat(jwt.verify(verifier(server))).isTrue();
            kid = jwt.getHeader().getKeyID();

            HttpResponse<String> byDefault = token(server, "reader", "reader-dev-secret", null);
            assertThat(SignedJWT.parse(json.readTree(byDefault.body()).path("access_token").asString())
                    .getJWTClaimsSet().getStringListClaim("scope")).containsExactly("reports:read");

            assertThat(token(server, "reader", "reader-dev-secret", "projects:write").statusCode()).isEqualTo(400);
            assertThat(token(server, "reader", "wrong-secret", "reports:read").statusCode()).isEqualTo(401);
        }
        try (DevAuthorizationServer restarted = DevAuthorizationServer.start(port, keyFile)) {
            HttpResponse<String> again = token(restarted, "reader", "reader-dev-secret", "reports:read");
            assertThat(SignedJWT.parse(json.readTree(again.body()).path("access_token").asString()).getHeader()
                    .getKeyID()).isEqualTo(kid);
        }
    }

    private HttpResponse<String> token(DevAuthorizationServer server, String client, String secret, String scope)
            throws Exception {
        String form = "grant_type=client_credentials"
                + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(server.tokenEndpoint()))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JWSVerifier verifier(DevAuthorizationServer server) throws Exception {
        String jwks = http.send(HttpRequest.newBuilder(URI.create(server.jwkSetUri())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new RSASSAVerifier((RSAKey) JWKSet.parse(jwks).getKeys().get(0));
    }

    /** Never one handed out before in this JVM (two free ports asked for in a row can be the same one). */
    private static int freePort() {
        return ChildJvm.freePort();
    }
}
