package cn.shuangcheng.support.web.tokens;

import cn.shuangcheng.support.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.io.InputStream;
import java.net.URI;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service trusts a token only when it is issued by the configured issuer for the configured audience. */
class TokenTrustAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TokenTrustAutoConfiguration.class))
            .withBean(JwtDecoder.class, () -> NimbusJwtDecoder.withPublicKey(testKey()).build());

    @Test
    void without_an_audience_the_service_refuses_to_start() {
        runner.withPropertyValues("shuangcheng.security.issuer=" + TestTokens.ISSUER).run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("shuangcheng.security.audience"));
    }

    @Test
    void without_an_issuer_the_service_refuses_to_start() {
        runner.withPropertyValues("shuangcheng.security.audience=" + TestTokens.AUDIENCE).run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("shuangcheng.security.issuer"));
    }

    @Test
    void the_issuer_uri_of_the_resource_server_is_the_issuer_by_default() {
        runner.withPropertyValues("shuangcheng.security.audience=" + TestTokens.AUDIENCE,
                TokenTrustAutoConfiguration.ISSUER_URI + "=" + TestTokens.ISSUER).run(context -> {
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            assertThat(decoder.decode(TestTokens.token("alice", "x")).getSubject()).isEqualTo("alice");
            assertThatThrownBy(() -> decoder.decode(TestTokens.tokenFromIssuer("urn:other", "alice", "x")))
                    .isInstanceOf(BadJwtException.class).hasMessageContaining("iss");
        });
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        runner.withPropertyValues("shuangcheng.security.audience=" + TestTokens.AUDIENCE,
                "shuangcheng.security.issuer=" + TestTokens.ISSUER).run(context -> {
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            assertThatThrownBy(() -> decoder.decode(TestTokens.tokenForAudience("urn:other:app", "alice", "x")))
                    .isInstanceOf(BadJwtException.class).hasMessageContaining("aud");
        });
    }

    private static RSAPublicKey testKey() {
        try (InputStream pem = URI.create(TestTokens.publicKeyLocation()).toURL().openStream()) {
            String base64 = new String(pem.readAllBytes()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
