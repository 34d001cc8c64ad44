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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The decoder Boot built from the key source (issuer-uri, jwk-set-uri or public-key-location), followed by the
 * checks Boot applies only for some of those sources: the issuer, always, and the audience. Wrapping instead of
 * building a decoder of our own keeps Boot's handling of the three key sources as it is. A token that fails either
 * check is a {@link JwtValidationException}, which the resource server answers 401 like a bad signature.
 * <p>
 * A token that cannot be checked because the issuer's configuration could not be fetched (issuer-uri, at the first
 * token) is a plain {@link JwtException}, which the resource server answers 503 (see BearerTokenProblems), not a
 * {@link JwtDecoderInitializationException}, which it did not catch (500); and the fetch is tried by one request at
 * a time, again at most once per {@link #DISCOVERY_RETRY_INTERVAL}, not for every request, each waiting behind the
 * last ({@link #decodeFirst}).
 */
final class TrustedTokenDecoder implements JwtDecoder {

    /** As the key set's own fetches ({@link TokenTrustAutoConfiguration#MIN_JWKS_FETCH_INTERVAL}). */
    static final Duration DISCOVERY_RETRY_INTERVAL = TokenTrustAutoConfiguration.MIN_JWKS_FETCH_INTERVAL;
    /** How long a request waits for another that is fetching the issuer's configuration. */
    static final Duration DISCOVERY_WAIT = Duration.ofSeconds(5);

    private final JwtDecoder keyChecked;
    private final OAuth2TokenValidator<Jwt> trust;
    private final LongSupplier nanoTime;
    private final ReentrantLock discovery = new ReentrantLock();
    /** Whether the key source answered once: from then on Boot's decoder is used as it is. */
    private volatile boolean ready;
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
        Jwt jwt = ready ? keyChecked.decode(token) : decodeFirst(token);
        OAuth2TokenValidatorResult result = trust.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("the token is not issued by and for this API: "
                    + result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }

    /**
     * Until the key source is ready. Boot's decoder for issuer-uri fetches the issuer's configuration at the first
     * token, and at every token again until that succeeds, each request waiting behind the last: while the issuer is
     * away one request at a time tries, at most once per {@link #DISCOVERY_RETRY_INTERVAL}, and the others are
     * refused at once (or after waiting {@link #DISCOVERY_WAIT} for the one trying).
     */
    private Jwt decodeFirst(String token) {
        try {
            if (!discovery.tryLock(DISCOVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new JwtException("the issuer's configuration is being fetched by another request");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JwtException("interrupted while the issuer's configuration was being fetched", e);
        }
        try {
            Long failedAt = discoveryFailedAt;
            if (!ready && failedAt != null && nanoTime.getAsLong() - failedAt < DISCOVERY_RETRY_INTERVAL.toNanos()) {
                throw new JwtException("the issuer's configuration could not be fetched; tried again within "
                        + DISCOVERY_RETRY_INTERVAL.toSeconds() + " s");
            }
            Jwt jwt;
            try {
                jwt = keyChecked.decode(token);
            } catch (JwtDecoderInitializationException e) {
                discoveryFailedAt = nanoTime.getAsLong(); // after the fetch, which may have taken its timeouts
                throw new JwtException("the issuer's configuration could not be fetched", e);
            } catch (JwtException e) {
                ready = true; // the key source answered: the token itself was refused
                throw e;
            }
            ready = true;
            return jwt;
        } finally {
            discovery.unlock();
        }
    }
}
