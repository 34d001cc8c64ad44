package cn.shuangcheng.cadres;

import cn.shuangcheng.support.web.ApiAuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static cn.shuangcheng.support.web.ApiAuthorizationRules.scope;

/**
 * Scopes of cadre-service (docs/api-guide.md, "Authentication and scopes"): every write needs {@code cadres:write}.
 * Reading secondments and batches needs one of {@code cadres:write} (the clerks who write them), {@code reports:read}
 * (dashboards, who see masked names) or {@code cadres:pii} (who may see names); only {@code cadres:pii} unmasks names,
 * which the controller decides. Erasing a cadre's personal data needs {@code cadres:pii}: it is the scope of those
 * responsible for the personal data.
 */
@Configuration(proxyBeanMethods = false)
class CadreApiSecurityConfiguration {

    @Bean
    ApiAuthorizationRules cadreServiceScopes() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/v1/secondments", "/api/v1/secondments/**",
                        "/api/v1/batches/**")
                .hasAnyAuthority(scope("cadres:write"), scope("reports:read"), scope("cadres:pii"))
                .requestMatchers(HttpMethod.POST, "/api/v1/batches", "/api/v1/secondments", "/api/v1/secondments/**")
                .hasAuthority(scope("cadres:write"))
                .requestMatchers(HttpMethod.DELETE, "/api/v1/cadres/*/personal-data")
                .hasAuthority(scope("cadres:pii"));
    }
}
