package cn.shuangcheng.support.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import cn.shuangcheng.support.logging.LogSafe;

/**
 * The API's refusals of a bearer token, each as Spring Security's bearer handlers answer it (the RFC 6750
 * {@code WWW-Authenticate} header) plus a problem+json body: 401 for a missing or invalid token, 403 for a valid
 * token that lacks the scope ({@code insufficient_scope}).
 * <p>
 * A token that could not be checked at all, because the issuer's keys or configuration could not be fetched (an
 * {@link AuthenticationServiceException}), is 503 with {@code Retry-After}: the service's state, not the caller's
 * fault. Spring Security's own failure handler rethrows it, and Tomcat answered 500 with a stack trace in the log for
 * every request, whoever sent it.
 */
public class BearerTokenProblems implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenProblems.class);
    /** One warning per this many milliseconds while the issuer stays away, not one per request. */
    private static final long WARNING_INTERVAL_MILLIS = 10_000;

    /** When the next warning may be logged (epoch millis): at once for the first. */
    private final AtomicLong nextWarning = new AtomicLong();
    private final BearerTokenAuthenticationEntryPoint unauthenticated = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler forbidden = new BearerTokenAccessDeniedHandler();
    private final ProblemResponseWriter writer;

    public BearerTokenProblems(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        unauthenticated.commence(request, response, ex);
        String detail = ex instanceof OAuth2AuthenticationException
                ? Problems.text("problem.detail.token-invalid")
                : Problems.text("problem.detail.token-required");
        writer.write(response, Problems.of(ProblemKind.UNAUTHORIZED, detail));
    }

    /** The bearer token filter's failures: as {@link #commence}, unless the token could not be checked at all. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException ex) throws IOException {
        if (!(ex instanceof AuthenticationServiceException)) {
            commence(request, response, ex);
            return;
        }
        long now = System.currentTimeMillis();
        long next = nextWarning.get();
        if (now >= next && nextWarning.compareAndSet(next, now + WARNING_INTERVAL_MILLIS)) {
            log.warn("Requests answered 503: their tokens cannot be checked ({}; cause {})", LogSafe.exception(ex),
                    ex.getCause() == null ? "-" : LogSafe.exception(ex.getCause()));
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, ProblemExceptionHandler.RETRY_AFTER_SECONDS);
        writer.write(response, Problems.of(ProblemKind.UNAVAILABLE,
                Problems.text("problem.detail.dependency-unavailable", "The token issuer")));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        forbidden.handle(request, response, ex);
        writer.write(response, Problems.of(ProblemKind.FORBIDDEN, Problems.text("problem.detail.no-scope")));
    }
}
