package cn.shuangcheng.support.web;

import cn.shuangcheng.support.outage.Causes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses request bodies larger than the configured limit with 413 problem+json.
 *
 * <p>A declared Content-Length over the limit is refused before anything reads the body. A body
 * without Content-Length (chunked) is counted while it is read: the stream fails with
 * {@link RequestBodyTooLargeException} at the first byte past the limit, and the exception handler
 * (or this filter, if the failure escapes MVC) turns that into 413. Nothing of an oversized body is
 * ever handed to a controller.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final List<PathLimit> overrides;
    private final ProblemResponseWriter problemWriter;

    public RequestBodyLimitFilter(WebSupportProperties properties, ProblemResponseWriter problemWriter) {
        this.defaultLimit = properties.getMaxRequestBytes().toBytes();
        this.overrides = properties.getRequestSizeOverrides().stream()
                .map(o -> new PathLimit(PathPatternParser.defaultInstance.parse(o.path()),
                        o.maxRequestBytes().toBytes()))
                .toList();
        this.problemWriter = problemWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            problemWriter.write(response, tooLarge(limit));
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, limit), response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!causedByTooLarge(e) || response.isCommitted()) {
                throw e;
            }
            problemWriter.write(response, tooLarge(limit));
        }
    }

    long limitFor(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(pathWithinApplication(request));
        for (PathLimit override : overrides) {
            if (override.pattern().matches(path)) {
                return override.limit();
            }
        }
        return defaultLimit;
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)
                ? uri.substring(contextPath.length()) : uri;
    }

    static ProblemDetail tooLarge(long limit) {
        return Problems.of(ProblemKind.PAYLOAD_TOO_LARGE, Problems.text("problem.detail.body-too-large", String.valueOf(limit)));
    }

    private static boolean causedByTooLarge(Throwable e) {
        return Causes.anyMatch(e, RequestBodyTooLargeException.class::isInstance);
    }

    private record PathLimit(PathPattern pattern, long limit) {
    }

    /** Hands out a counting view of the body stream; the limit applies however the body is read. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        LimitedInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws RequestBodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new RequestBodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return delegate.available();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
