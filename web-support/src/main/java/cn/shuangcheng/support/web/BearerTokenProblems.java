package cn.shuangcheng.support.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The API's refusals of a bearer token, each as Spring Security's bearer handlers answer it (the RFC 6750
 * {@code WWW-Authenticate} header) plus a problem+json body: 401 for a missing or invalid token, 403 for a valid
 * token that lacks the scope ({@code insufficient_scope}).
 */
public class BearerTokenProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

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

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        forbidden.handle(request, response, ex);
        writer.write(response, Problems.of(ProblemKind.FORBIDDEN, Problems.text("problem.detail.no-scope")));
    }
}
