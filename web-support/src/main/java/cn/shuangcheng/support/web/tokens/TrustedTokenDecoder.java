package cn.shuangcheng.support.web.tokens;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.util.Collection;

/**
 * The decoder Boot built from the key source (issuer-uri, jwk-set-uri or public-key-location), followed by the
 * checks Boot applies only for some of those sources: the issuer, always, and the audience. Wrapping instead of
 * building a decoder of our own keeps Boot's handling of the three key sources as it is. A token that fails either
 * check is a {@link JwtValidationException}, which the resource server answers 401 like a bad signature.
 */
final class TrustedTokenDecoder implements JwtDecoder {

    private final JwtDecoder keyChecked;
    private final OAuth2TokenValidator<Jwt> trust;

    TrustedTokenDecoder(JwtDecoder keyChecked, String issuer, String audience) {
        this.keyChecked = keyChecked;
        this.trust = new DelegatingOAuth2TokenValidator<>(new JwtIssuerValidator(issuer),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(audience)));
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = keyChecked.decode(token);
        OAuth2TokenValidatorResult result = trust.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("the token is not issued by and for this API: "
                    + result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }
}
