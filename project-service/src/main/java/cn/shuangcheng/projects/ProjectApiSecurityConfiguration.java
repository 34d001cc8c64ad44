package cn.shuangcheng.projects;

import cn.shuangcheng.support.web.ApiAuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static cn.shuangcheng.support.web.ApiAuthorizationRules.scope;

/**
 * Scopes of project-service (docs/api-guide.md, "Authentication and scopes"): intake needs {@code intake:submit}, every
 * other write {@code projects:write}, a read {@code projects:write} or {@code reports:read}; a token with none of them
 * gets 403, whatever the path.
 */
@Configuration(proxyBeanMethods = false)
class ProjectApiSecurityConfiguration {

    @Bean
    ApiAuthorizationRules projectServiceScopes() {
        return rules -> rules
                .requestMatchers("/api/v1/intake/**").hasAuthority(scope("intake:submit"))
                .requestMatchers(HttpMethod.POST, "/api/v1/projects/**", "/api/v1/agenda-items/**")
                .hasAuthority(scope("projects:write"))
                .requestMatchers(HttpMethod.PUT, "/api/v1/projects/**").hasAuthority(scope("projects:write"))
                // reading what project-service decides: its writers, and readers of the reports
                .requestMatchers(HttpMethod.GET, "/api/v1/projects/**", "/api/v1/agenda-items/**")
                .hasAnyAuthority(scope("projects:write"), scope("reports:read"));
    }
}
