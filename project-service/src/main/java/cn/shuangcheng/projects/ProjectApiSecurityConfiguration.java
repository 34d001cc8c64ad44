package cn.shuangcheng.projects;

import cn.shuangcheng.support.correlation.Principals;
import cn.shuangcheng.support.web.ApiAuthorizationRules;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static cn.shuangcheng.support.web.ApiAuthorizationRules.scope;

/**
 * Scopes of project-service (docs/api-guide.md, "Authentication and scopes"): intake needs {@code intake:submit} and a token that names its client, every
 * other write {@code projects:write}, a read {@code projects:write} or {@code reports:read}; a token with none of them
 * gets 403, whatever the path.
 */
@Configuration(proxyBeanMethods = false)
class ProjectApiSecurityConfiguration {

    @Bean
    ApiAuthorizationRules projectServiceScopes() {
        return rules -> rules
                // an intake batch belongs to the client the token names: a token naming none could read others'
                .requestMatchers("/api/v1/intake/**").access(AuthorizationManagers.allOf(
                        AuthorityAuthorizationManager.hasAuthority(scope("intake:submit")),
                        (authentication, request) -> new AuthorizationDecision(
                                Principals.of(authentication.get()).isPresent())))
                .requestMatchers(HttpMethod.POST, "/api/v1/projects/**", "/api/v1/agenda-items/**")
                .hasAuthority(scope("projects:write"))
                .requestMatchers(HttpMethod.PUT, "/api/v1/projects/**").hasAuthority(scope("projects:write"))
                // reading what project-service decides: its writers, and readers of the reports
                .requestMatchers(HttpMethod.GET, "/api/v1/projects/**", "/api/v1/agenda-items/**")
                .hasAnyAuthority(scope("projects:write"), scope("reports:read"));
    }
}
