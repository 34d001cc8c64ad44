package cn.shuangcheng.reporting.dashboard.web;

import static cn.shuangcheng.support.web.ApiAuthorizationRules.scope;

import cn.shuangcheng.reporting.readmodel.web.ReportingWebConfiguration;
import cn.shuangcheng.support.web.ApiAuthorizationRules;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The joint office's dashboard: static pages under {@code /dashboard/} (src/main/resources/static/dashboard) and the
 * charting library from its webjar under {@code /webjars/}, open without a token (they hold no data: every figure
 * comes from the API, called by the page with the user's bearer token). {@code /dashboard/config.json} tells the page
 * where to sign in: the issuer this service trusts ({@code shuangcheng.dashboard.issuer}, by default the JWT
 * issuer) and the page's public client id there ({@code shuangcheng.dashboard.client-id}, default {@code dashboard};
 * authorization code with PKCE);
 * {@link DashboardFreshness} tells it how far the read models have got (that one needs a token).
 * Not part of the public API (hidden from the OpenAPI document).
 */
@Hidden
@RestController
public class DashboardController {

    /** The freshness line's source ({@link DashboardFreshness}); it needs a token, unlike the static pages. */
    static final String FRESHNESS = "/dashboard/api/freshness";

    /** What the page needs to sign in; the API is this service's own origin. */
    public record DashboardConfig(String issuer, String clientId, String scope) {
    }

    private final DashboardConfig config;

    public DashboardController(
            @Value("${shuangcheng.dashboard.issuer:${spring.security.oauth2.resourceserver.jwt.issuer-uri:"
                    + "${shuangcheng.security.issuer:}}}") String issuer,
            @Value("${shuangcheng.dashboard.client-id:dashboard}") String clientId) {
        this.config = new DashboardConfig(issuer, clientId, "reports:read");
    }

    @GetMapping(path = "/dashboard/config.json", produces = "application/json")
    public DashboardConfig config() {
        return config;
    }

    @Bean
    static ApiAuthorizationRules dashboardIsOpen() {
        return rules -> rules
                .requestMatchers(FRESHNESS).hasAuthority(scope(ReportingWebConfiguration.READ))
                .requestMatchers(HttpMethod.GET, "/dashboard/**", "/webjars/**").permitAll();
    }
}
