package cn.shuangcheng.support.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Answers 400 for an API request whose {@code Host} (or forwarded host) no URI can be built from, before anything
 * runs. Tomcat accepts hosts such as {@code 1.2.3} or {@code a.1} that {@link java.net.URI} refuses; a create built
 * its {@code Location} from the host only after the write was stored, so such a request stored the resource and then
 * answered 500, and a retry was refused as a duplicate or, without a natural key, stored it twice.
 */
public class UnusableHostFilter extends OncePerRequestFilter {

    private final ProblemResponseWriter problemWriter;

    public UnusableHostFilter(ProblemResponseWriter problemWriter) {
        this.problemWriter = problemWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!canBuildUris(request)) {
            problemWriter.write(response, Problems.of(ProblemKind.INVALID_REQUEST,
                    Problems.text("problem.detail.unusable-host")));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The same builder the controllers' {@code Location} comes from, so that what passes here builds there. */
    static boolean canBuildUris(HttpServletRequest request) {
        try {
            ServletUriComponentsBuilder.fromContextPath(request).path("/x").build().toUri();
            return true;
        } catch (RuntimeException notAUri) { // IllegalStateException wrapping URISyntaxException, or a bad port
            return false;
        }
    }
}
