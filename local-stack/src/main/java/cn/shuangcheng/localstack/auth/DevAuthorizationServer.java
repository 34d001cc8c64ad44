package cn.shuangcheng.localstack.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A development OAuth2 authorization server (Spring Authorization Server) for the local stack: the client-credentials
 * grant for the {@link DemoClients} with their fixed secrets, and the authorization code grant with PKCE for the
 * dashboard's public client ({@link DemoUsers#DASHBOARD_CLIENT_ID}) with a login form for the {@link DemoUsers}. JWT
 * access tokens are signed with a key kept in the data directory ({@link SigningKey}). Its issuer is what the services
 * validate tokens against. The token endpoint answers CORS requests from the dashboard's origin (reporting-service),
 * which exchanges the code from the page itself.
 */
public final class DevAuthorizationServer implements AutoCloseable {

    public static final String JWKS_PATH = "/oauth2/jwks";

    /** Long enough for a demo session; the services check expiry like any other. */
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final ConfigurableApplicationContext context;
    /** The audience of every token this server issues, and the one the services require. */
    public static final String AUDIENCE = "shuangcheng-api";

    private final String issuer;

    private DevAuthorizationServer(ConfigurableApplicationContext context, String issuer) {
        this.context = context;
        this.issuer = issuer;
    }

    public static DevAuthorizationServer start(int port, Path keyFile) throws IOException {
        return start(port, keyFile, null);
    }

    /**
     * @param dashboardRedirect the dashboard page the authorization code is sent back to (its origin may call the
     *                          token endpoint); null: no dashboard client
     */
    public static DevAuthorizationServer start(int port, Path keyFile, String dashboardRedirect) throws IOException {
        String issuer = issuerFor(port);
        RSAKey key = SigningKey.loadOrCreate(keyFile);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.application.name", "local-stack-authorization-server");
        properties.put("spring.security.oauth2.authorizationserver.issuer", issuer);
        if (dashboardRedirect != null) {
            properties.put(DashboardSignIn.REDIRECT_PROPERTY, dashboardRedirect);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Configuration.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties(properties)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("signingKey", key))
                .run();
        return new DevAuthorizationServer(context, issuer);
    }

    public static String issuerFor(int port) {
        return "http://127.0.0.1:" + port;
    }

    public String issuer() {
        return issuer;
    }

    public String tokenEndpoint() {
        return issuer + "/oauth2/token";
    }

    public String jwkSetUri() {
        return issuer + JWKS_PATH;
    }

    @Override
    public void close() {
        context.close();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Configuration {

        /**
         * One chain: the authorization server's endpoints, and the login form that /oauth2/authorize sends a browser
         * to (its session carries the sign-in back to the authorization request). CSRF is off: a development server
         * on the loopback address with demo passwords.
         */
        @Bean
        SecurityFilterChain authorizationServerSecurity(HttpSecurity http, Environment environment) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                    })
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .cors(cors -> cors.configurationSource(DashboardSignIn.cors(environment)))
                    .csrf(csrf -> csrf.disable());
            return http.build();
        }

        @Bean
        RegisteredClientRepository demoClients(Environment environment) {
            List<RegisteredClient> clients = new ArrayList<>(
                    DemoClients.ALL.stream().map(Configuration::registered).toList());
            DashboardSignIn.client(environment, TOKEN_LIFETIME).ifPresent(clients::add);
            return new InMemoryRegisteredClientRepository(clients);
        }

        @Bean
        UserDetailsService demoUsers() {
            return DashboardSignIn.users();
        }

        /**
         * Every token is issued for the Shuangcheng API ({@code aud}, which the services require, as an audience
         * mapper does in a realm). A client that asks for no scope gets every scope it is registered with (RFC 6749
         * section 3.3 lets the server choose a default): {@code curl -u reader:… -d grant_type=client_credentials}
         * gives a usable token.
         */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> audienceAndDefaultScopes() {
            return context -> {
                context.getClaims().audience(List.of(AUDIENCE));
                if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                        && context.getAuthorizedScopes().isEmpty()) {
                    context.getClaims().claim("scope", context.getRegisteredClient().getScopes());
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> jwkSource(RSAKey signingKey) {
            return new ImmutableJWKSet<>(new JWKSet(signingKey));
        }

        private static RegisteredClient registered(DemoClients.DemoClient client) {
            return RegisteredClient.withId(client.clientId())
                    .clientId(client.clientId())
                    .clientSecret("{noop}" + client.secret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scopes(scopes -> scopes.addAll(client.scopes()))
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_LIFETIME).build())
                    .build();
        }
    }
}
