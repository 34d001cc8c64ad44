package cn.shuangcheng.support.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * How a service says which scopes its paths need. Declare one or more beans; they are applied in
 * {@link org.springframework.core.annotation.Order} order, after the open paths (API docs,
 * management endpoints) and before the catch-all "everything under /api/** needs a valid token":
 *
 * <pre>{@code
 * @Bean
 * ApiAuthorizationRules projectRules() {
 *     return rules -> rules
 *             .requestMatchers(HttpMethod.POST, "/api/v1/intake/batches").hasAuthority(scope("intake:submit"))
 *             .requestMatchers("/api/v1/intake/**").hasAnyAuthority(scope("intake:submit"), scope("projects:write"))
 *             .requestMatchers("/api/v1/**").hasAuthority(scope("projects:write"));
 * }
 * }</pre>
 *
 * Like all Spring Security request rules, the first matching rule decides: put narrow paths first.
 * A token without the scope gets 403, a request without a valid token 401, both as problem+json.
 */
@FunctionalInterface
public interface ApiAuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

    /** The authority Spring Security derives from an OAuth2 scope: {@code SCOPE_<scope>}. */
    static String scope(String scope) {
        return "SCOPE_" + scope;
    }
}
