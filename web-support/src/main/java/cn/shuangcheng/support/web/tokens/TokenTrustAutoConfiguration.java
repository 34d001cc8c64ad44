package cn.shuangcheng.support.web.tokens;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestTemplate;

import java.time.Duration;

/**
 * Every service's {@link JwtDecoder} also checks the token's issuer and audience ({@link TokenTrustProperties}).
 * Without an audience, or without an issuer (neither {@code shuangcheng.security.issuer} nor the resource server's
 * {@code issuer-uri}), the service refuses to start: a token issued in the same realm for another application, with
 * the same scope names, would otherwise be accepted, and with only a key source not even the issuer was checked.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(JwtDecoder.class)
public class TokenTrustAutoConfiguration {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final Duration MIN_JWKS_FETCH_INTERVAL = Duration.ofSeconds(10);
    /** As Spring's own cache (Nimbus's default): a key the issuer withdrew is refused within about 5 min. */
    static final Duration JWKS_TIME_TO_LIVE = Duration.ofMinutes(5);
    /** How long the last key set fetched still serves while the issuer cannot be reached. */
    static final Duration JWKS_MAX_STALE = Duration.ofHours(1);
    static final Duration JWKS_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration JWKS_READ_TIMEOUT = Duration.ofSeconds(3);

    /**
     * How the issuer's key set is fetched: again after {@link #JWKS_TIME_TO_LIVE}, at most once per
     * {@link #MIN_JWKS_FETCH_INTERVAL} however many tokens name unknown keys, and served from the last fetch for up
     * to {@link #JWKS_MAX_STALE} while the issuer cannot be reached ({@link ThrottledJwkSetCache}); each fetch within
     * {@link #JWKS_CONNECT_TIMEOUT} to connect and {@link #JWKS_READ_TIMEOUT} per read (Spring's own client waits
     * without limit while it holds the key source's lock).
     * Boot applies it with {@code issuer-uri} and {@code jwk-set-uri} alike.
     */
    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer jwkSetFetchLimits() {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(JWKS_CONNECT_TIMEOUT);
        requests.setReadTimeout(JWKS_READ_TIMEOUT);
        return builder -> builder.restOperations(new RestTemplate(requests))
                .cache(new ThrottledJwkSetCache(MIN_JWKS_FETCH_INTERVAL, JWKS_TIME_TO_LIVE, JWKS_MAX_STALE,
                        System::nanoTime));
    }

    /** Static: a post-processor is created before the other beans, and must not pull this class's bean early. */
    @Bean
    static BeanPostProcessor trustedTokenDecoders(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof JwtDecoder decoder) || bean instanceof TrustedTokenDecoder) {
                    return bean;
                }
                TokenTrustProperties trust = Binder.get(environment)
                        .bindOrCreate("shuangcheng.security", TokenTrustProperties.class);
                String issuer = StringUtils.hasText(trust.issuer()) ? trust.issuer()
                        : environment.getProperty(ISSUER_URI);
                if (!StringUtils.hasText(trust.audience())) {
                    throw new IllegalStateException("shuangcheng.security.audience is not set (SHUANGCHENG_SECURITY_"
                            + "AUDIENCE): the audience every caller's token must name. Refusing to start rather "
                            + "than accept tokens issued for other applications.");
                }
                if (!StringUtils.hasText(issuer)) {
                    throw new IllegalStateException("Neither shuangcheng.security.issuer nor " + ISSUER_URI
                            + " is set: the issuer every caller's token must carry. Refusing to start rather than "
                            + "accept tokens of any issuer that has the key.");
                }
                return new TrustedTokenDecoder(decoder, issuer.strip(), trust.audience().strip());
            }
        };
    }
}
