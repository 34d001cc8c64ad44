package cn.shuangcheng.support.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 for a missing or invalid bearer token: the RFC 6750 {@code WWW-Authenticate} header from
 * Spring Security's bearer entry point, plus a problem+json body.
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ProblemResponseWriter writer;

    public ProblemAuthenticationEntryPoint(ProblemResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        bearer.commence(request, response, ex);
        String detail = ex instanceof OAuth2AuthenticationException
                ? Problems.text("problem.detail.token-invalid")
                : Problems.text("problem.detail.token-required");
        writer.write(response, Problems.of(ProblemKind.UNAUTHORIZED, detail));
    }
}
