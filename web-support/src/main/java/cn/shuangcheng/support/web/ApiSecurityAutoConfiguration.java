package cn.shuangcheng.support.web;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * Bearer-token security of the write services (OAuth2 resource server, JWT).
 *
 * <ul>
 * <li>Tokens are validated by Boot's JwtDecoder from the standard properties
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri} or
 * {@code public-key-location}); startup fails without one of them. Every token must also carry the configured issuer
 * and name the configured audience ({@code shuangcheng.security.*}, see
 * {@link cn.shuangcheng.support.web.tokens.TokenTrustAutoConfiguration}).
 * The {@code scope}/{@code scp} claim becomes {@code SCOPE_<scope>} authorities.</li>
 * <li>Open: {@code GET /v3/api-docs/**}, Swagger UI ({@code GET /swagger-ui.html}, {@code /swagger-ui/**}) and the actuator
 * endpoints. With {@code management.server.port}
 * set, Boot runs the endpoints in a child context on their own port and applies this same filter
 * chain there, which is why they must be permitted here; the main port does not serve them.</li>
 * <li>Then each {@link ApiAuthorizationRules} bean, then everything else (all of {@code /api/**}
 * included) needs an authenticated token. {@code HEAD} is authorized as the {@code GET} of its path.</li>
 * <li>Stateless, no CSRF (no cookies, no sessions: bearer tokens only), no login or logout pages.</li>
 * <li>401 and 403 are problem+json with the RFC 6750 {@code WWW-Authenticate} header.</li>
 * </ul>
 *
 * A service that declares its own SecurityFilterChain replaces all of this.
 */
@AutoConfiguration(
        after = WebSupportAutoConfiguration.class,
        before = {ServletWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
                ManagementWebSecurityAutoConfiguration.class, OAuth2ResourceServerWebSecurityAutoConfiguration.class,
                UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class})
@EnableWebSecurity
public class ApiSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BearerTokenProblems bearerTokenProblems(ProblemResponseWriter writer) {
        return new BearerTokenProblems(writer);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ObjectProvider<ApiAuthorizationRules> serviceRules,
            BearerTokenProblems tokenProblems) throws Exception {
        http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(rules -> {
                    // HEAD runs the GET handler, so it needs what the GET needs, whatever method a rule names
                    rules.withObjectPostProcessor(HeadAuthorizedAsGet.postProcessor());
                    // error dispatches render the problem of a request that was already let through
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    // the documents are read; any other method on them needs a token like everything else
                    rules.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll();
                    // Swagger UI: static pages from springdoc's webjar, served by the service itself (no CDN)
                    rules.requestMatchers(HttpMethod.GET, "/swagger-ui.html", "/swagger-ui/**").permitAll();
                    rules.requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll();
                    serviceRules.orderedStream().forEach(serviceRule -> serviceRule.configure(rules));
                    rules.requestMatchers("/api/**").authenticated();
                    rules.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(tokenProblems)
                        .accessDeniedHandler(tokenProblems)
                        // a token that cannot be checked (the issuer unreachable) is 503, not rethrown as a 500
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(tokenProblems);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(tokenProblems)
                        .accessDeniedHandler(tokenProblems));
        return http.build();
    }
}
