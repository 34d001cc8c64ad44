package cn.shuangcheng.support.web.tokens;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Duration;
import java.util.Collection;
import java.util.function.LongSupplier;

/**
 * The decoder Boot built from the key source (issuer-uri, jwk-set-uri or public-key-location), followed by the
 * checks Boot applies only for some of those sources: the issuer, always, and the audience. Wrapping instead of
 * building a decoder of our own keeps Boot's handling of the three key sources as it is. A token that fails either
 * check is a {@link JwtValidationException}, which the resource server answers 401 like a bad signature.
 * <p>
 * A token that cannot be checked because the issuer's configuration could not be fetched (issuer-uri, at the first
 * token) is a plain {@link JwtException}, which the resource server answers 503 (see BearerTokenProblems), not a
 * {@link JwtDecoderInitializationException}, which it did not catch (500); and the fetch is tried again at most once
 * per {@link #DISCOVERY_RETRY_INTERVAL}, not for every request, each waiting behind the last.
 */
final class TrustedTokenDecoder implements JwtDecoder {

    /** As the key set's own fetches ({@link TokenTrustAutoConfiguration#MIN_JWKS_FETCH_INTERVAL}). */
    static final Duration DISCOVERY_RETRY_INTERVAL = TokenTrustAutoConfiguration.MIN_JWKS_FETCH_INTERVAL;

    private final JwtDecoder keyChecked;
    private final OAuth2TokenValidator<Jwt> trust;
    private final LongSupplier nanoTime;
    /** When the issuer's configuration could last not be fetched (nanoTime), or null. */
    private volatile Long discoveryFailedAt;

    TrustedTokenDecoder(JwtDecoder keyChecked, String issuer, String audience) {
        this(keyChecked, issuer, audience, System::nanoTime);
    }

    TrustedTokenDecoder(JwtDecoder keyChecked, String issuer, String audience, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.keyChecked = keyChecked;
        this.trust = new DelegatingOAuth2TokenValidator<>(new JwtIssuerValidator(issuer),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(audience)));
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt;
        long now = nanoTime.getAsLong();
        if (discoveryFailedAt != null && now - discoveryFailedAt < DISCOVERY_RETRY_INTERVAL.toNanos()) {
            throw new JwtException("the issuer's configuration could not be fetched; tried again within "
                    + DISCOVERY_RETRY_INTERVAL.toSeconds() + " s");
        }
        try {
            jwt = keyChecked.decode(token);
        } catch (JwtDecoderInitializationException e) {
            // Boot's decoder for issuer-uri fetches the issuer's configuration at the first token, and again at
            // every token until it succeeds, one request at a time: while the issuer is away, once per interval
            discoveryFailedAt = nanoTime.getAsLong(); // after the fetch, which may take its timeouts
            throw new JwtException("the issuer's configuration could not be fetched", e);
        }
        OAuth2TokenValidatorResult result = trust.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("the token is not issued by and for this API: "
                    + result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }
}
