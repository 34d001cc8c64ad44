package cn.shuangcheng.support.web;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.Authentication;

/**
 * Authorizes a {@code HEAD} request exactly as the {@code GET} of the same path. Spring MVC answers {@code HEAD} with
 * the {@code GET} handler (status, {@code ETag}, the work of computing the body), but a rule written as
 * {@code requestMatchers(HttpMethod.GET, …)} does not match {@code HEAD}: without this, a token without the read scope
 * learned through {@code HEAD} whether a resource exists and its version, and could start a report's computation.
 * Applied to the request authorization of the filter chain, so every service's {@link ApiAuthorizationRules} are
 * covered however they are written.
 */
final class HeadAuthorizedAsGet implements AuthorizationManager<HttpServletRequest> {

    private final AuthorizationManager<HttpServletRequest> rules;

    private HeadAuthorizedAsGet(AuthorizationManager<HttpServletRequest> rules) {
        this.rules = rules;
    }

    /**
     * For {@code authorizeHttpRequests(rules -> rules.withObjectPostProcessor(…))}: wraps the manager the rules build
     * (not a bean: Spring Security has its own bean of that type, for observations, and takes one only when it is
     * alone).
     */
    static ObjectPostProcessor<AuthorizationManager<HttpServletRequest>> postProcessor() {
        return new ObjectPostProcessor<AuthorizationManager<HttpServletRequest>>() {
            @Override
            @SuppressWarnings("unchecked") // the configurer takes the result as a plain AuthorizationManager
            public <O extends AuthorizationManager<HttpServletRequest>> O postProcess(O rules) {
                return (O) new HeadAuthorizedAsGet(rules);
            }
        };
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         HttpServletRequest request) {
        return rules.authorize(authentication, HttpMethod.HEAD.matches(request.getMethod()) ? new AsGet(request) : request);
    }

    private static final class AsGet extends HttpServletRequestWrapper {

        AsGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return HttpMethod.GET.name();
        }
    }
}
