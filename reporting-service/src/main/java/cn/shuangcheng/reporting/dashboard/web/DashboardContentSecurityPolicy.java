package cn.shuangcheng.reporting.dashboard.web;

import cn.shuangcheng.reporting.dashboard.web.DashboardController.DashboardConfig;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;

/**
 * The dashboard's Content-Security-Policy. The page holds the user's access token in memory and writes API answers
 * into itself as markup (escaped by view.js's {@code esc}). Should an answer ever slip past the escaping, the browser
 * still refuses to run what it injected: script only from this origin (no inline script, no event-handler attribute,
 * no eval), fetches only to this origin and the issuer's (the token exchange), no framing by another site, no
 * plugins, no {@code <base>}. Inline styles stay allowed: ECharts writes its tooltips with style attributes.
 */
@Configuration(proxyBeanMethods = false)
class DashboardContentSecurityPolicy {

    private static final Logger log = LoggerFactory.getLogger(DashboardContentSecurityPolicy.class);

    static final String HEADER = "Content-Security-Policy";

    @Bean
    FilterRegistrationBean<Filter> dashboardContentSecurityPolicyFilter(DashboardController dashboard) {
        String issuer = dashboard.config().issuer();
        String policy = policy(issuer);
        if (issuer != null && !issuer.isBlank() && origin(issuer).isEmpty()) {
            // the page signs in by fetching the issuer's token endpoint: the policy would block that
            log.warn("the dashboard's issuer {} has no origin Java can read; its Content-Security-Policy lets the "
                    + "page fetch from this service only, so signing in on the dashboard will fail", issuer);
        }
        Filter filter = (request, response, chain) -> {
            ((HttpServletResponse) response).setHeader(HEADER, policy);
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/dashboard/*");
        registration.setName("dashboardContentSecurityPolicy");
        return registration;
    }

    static String policy(String issuer) {
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "connect-src 'self'" + origin(issuer) + "; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'none'; object-src 'none'";
    }

    /** " scheme://host[:port]" of the issuer, or nothing when none is configured or it is not an absolute URL. */
    static String origin(String issuer) {
        if (issuer == null || issuer.isBlank()) {
            return "";
        }
        try {
            URI uri = URI.create(issuer.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            return " " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException notAUri) {
            return "";
        }
    }
}
