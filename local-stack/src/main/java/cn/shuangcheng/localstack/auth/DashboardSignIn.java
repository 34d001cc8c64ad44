package cn.shuangcheng.localstack.auth;

import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's sign-in on the development authorization server: its public client (authorization code, PKCE
 * required, no consent page, no refresh token: the page keeps its token in memory and signs in again), the demo users
 * of the login form, and CORS for the token endpoint, which the page calls from reporting-service's origin.
 */
final class DashboardSignIn {

    /** The dashboard page the code goes back to (exact match, as OAuth 2.1 asks). */
    static final String REDIRECT_PROPERTY = "local-stack.dashboard.redirect-uri";

    private DashboardSignIn() {
    }

    static Optional<RegisteredClient> client(Environment environment, Duration tokenLifetime) {
        String redirect = environment.getProperty(REDIRECT_PROPERTY);
        if (redirect == null) {
            return Optional.empty();
        }
        return Optional.of(RegisteredClient.withId(DemoUsers.DASHBOARD_CLIENT_ID)
                .clientId(DemoUsers.DASHBOARD_CLIENT_ID)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirect)
                .scopes(scopes -> scopes.addAll(DemoUsers.DASHBOARD_SCOPES))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokenLifetime).build())
                .build());
    }

    static UserDetailsService users() {
        List<UserDetails> users = DemoUsers.ALL.stream()
                .map(user -> User.withUsername(user.username()).password("{noop}" + user.password())
                        .authorities(user.scopes().stream().map(scope -> "SCOPE_" + scope).toArray(String[]::new))
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }

    /** The token endpoint (and the JWK set) for the dashboard's origin only; nothing without a dashboard. */
    static CorsConfigurationSource cors(Environment environment) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        String redirect = environment.getProperty(REDIRECT_PROPERTY);
        if (redirect != null) {
            URI page = URI.create(redirect);
            CorsConfiguration dashboard = new CorsConfiguration();
            dashboard.setAllowedOrigins(List.of(page.getScheme() + "://" + page.getAuthority()));
            dashboard.setAllowedMethods(List.of("GET", "POST"));
            dashboard.setAllowedHeaders(List.of("Content-Type"));
            source.registerCorsConfiguration("/oauth2/token", dashboard);
            source.registerCorsConfiguration("/oauth2/jwks", dashboard);
        }
        return source;
    }
}
