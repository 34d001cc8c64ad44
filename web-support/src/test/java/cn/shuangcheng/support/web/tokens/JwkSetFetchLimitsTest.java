package cn.shuangcheng.support.web.tokens;

import cn.shuangcheng.support.testing.TestTokens;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The decoder Boot builds from {@code jwk-set-uri} (or {@code issuer-uri}), with the services' customizer, against an
 * issuer that counts how often its key set is fetched. Without the customizer every token naming an unknown key id
 * fetched the set once more.
 */
class JwkSetFetchLimitsTest {

    private HttpServer issuer;
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void startIssuer() throws Exception {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] keys = TestTokens.jwkSetJson().getBytes(StandardCharsets.UTF_8);
        issuer.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        issuer.start();
    }

    @AfterEach
    void stopIssuer() {
        issuer.stop(0);
    }

    @Test
    void tokens_naming_unknown_keys_do_not_make_every_request_a_call_to_the_issuer() {
        NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = NimbusJwtDecoder.withJwkSetUri(
                "http://127.0.0.1:" + issuer.getAddress().getPort() + "/jwks");
        new TokenTrustAutoConfiguration().jwkSetFetchLimits().customize(builder);
        JwtDecoder decoder = builder.build();

        assertThat(decoder.decode(TestTokens.token("alice", "notes:read")).getSubject()).isEqualTo("alice");
        for (int token = 0; token < 50; token++) {
            String junk = TestTokens.tokenWithKeyId(UUID.randomUUID().toString(), "mallory", "notes:read");
            assertThatThrownBy(() -> decoder.decode(junk)).isInstanceOf(JwtException.class);
        }
        assertThat(decoder.decode(TestTokens.token("alice", "notes:read")).getSubject()).isEqualTo("alice");
        // the first fetch, and at most one more if the run took longer than the interval
        assertThat(fetches.get()).isBetween(1, 2);
    }
}
