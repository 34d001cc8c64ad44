package cn.shuangcheng.support.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UrlPathHelper;

/**
 * Answers an API request no resource of ours can serve before it reaches a controller, a repository or a log line.
 * <ul>
 * <li>404 for a path segment no resource can have. Every id, number, year and month in our paths is a short run of
 * letters, digits and {@code . _ : ~ -}; a 5,000-character id, a control character, a bidirectional override or an
 * encoded slash is a probe, and Axon would otherwise write it, whole, into its warning about an aggregate it could
 * not load.</li>
 * <li>400 for a write whose {@code Host} (or forwarded host) no URI can be built from. Tomcat accepts hosts such as {@code 1.2.3}
 * or {@code a.1} that {@link java.net.URI} refuses; a create built its {@code Location} from the host only after the
 * write was stored, so such a request stored the resource and then answered 500, and a retry was refused as a
 * duplicate or, without a natural key, stored it twice.</li>
 * </ul>
 */
public class ImplausibleRequestFilter extends OncePerRequestFilter {

    /** The longest path segment any of our resources has is a UUID; ids from partner systems stay within 100. */
    static final int MAX_SEGMENT_LENGTH = 100;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._:~-]{1," + MAX_SEGMENT_LENGTH + "}");

    private final ProblemResponseWriter problemWriter;

    public ImplausibleRequestFilter(ProblemResponseWriter problemWriter) {
        this.problemWriter = problemWriter;
    }

    /**
     * Decided on the decoded path: {@code /%61pi/v1/...} is {@code /api/v1/...} to Tomcat, Spring Security and Spring
     * MVC alike, and reaches the same handlers.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !UrlPathHelper.defaultInstance.getPathWithinApplication(request).startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isPlausible(request.getRequestURI().substring(request.getContextPath().length()))) {
            problemWriter.write(response, Problems.of(ProblemKind.NOT_FOUND, Problems.text("problem.detail.no-such-path")));
            return;
        }
        if (!isRead(request) && !canBuildUris(request)) {
            problemWriter.write(response, Problems.of(ProblemKind.INVALID_REQUEST,
                    Problems.text("problem.detail.unusable-host")));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isPlausible(String rawPath) {
        for (String segment : rawPath.substring(1).split("/", -1)) {
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformedEscape) {
                return false;
            }
            if (!SEGMENT.matcher(decoded).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A read builds no link: it is served whatever the host (a proxy's upstream name, say). */
    private static boolean isRead(HttpServletRequest request) {
        return HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())
                || HttpMethod.OPTIONS.matches(request.getMethod());
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
