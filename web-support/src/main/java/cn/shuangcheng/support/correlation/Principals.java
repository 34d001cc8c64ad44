package cn.shuangcheng.support.correlation;

import java.util.Optional;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who the audit trail names as the cause of a command.
 *
 * <p>For a JWT it is the {@code sub} claim: the subject the identity provider vouches for, a user
 * for user tokens and, with most providers (Okta, Auth0, Azure AD, Keycloak's service accounts),
 * the client or its service account for client-credentials tokens. Only a token without {@code sub}
 * falls back to {@code client_id} (RFC 9068), then {@code azp}. We deliberately do not prefer
 * {@code client_id} when {@code sub} exists: for user tokens that would name the app, not the person.
 * Other authentications use their name; anonymous ones name nobody.
 */
public final class Principals {

    private Principals() {
    }

    /** The principal of the current thread's security context, if it is authenticated. */
    public static Optional<String> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Optional<String> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        if (authentication instanceof JwtAuthenticationToken jwtAuthentication) {
            return of(jwtAuthentication.getToken());
        }
        return Optional.ofNullable(authentication.getName()).filter(name -> !name.isBlank());
    }

    public static Optional<String> of(Jwt jwt) {
        for (String claim : new String[] {"sub", "client_id", "azp"}) {
            String value = jwt.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
