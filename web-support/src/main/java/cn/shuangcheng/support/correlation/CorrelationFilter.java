package cn.shuangcheng.support.correlation;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is a sane
 * token, otherwise a new UUID. The id is echoed in the response, put in the logging MDC, and kept
 * with the request's W3C {@code traceparent} in {@link RequestCorrelation} for the command
 * dispatch interceptor.
 *
 * <p>Caller-supplied values end up in logs, metadata and Kafka headers, so only short tokens of
 * letters, digits and {@code - _ . :} are taken over; anything else is replaced, not rejected.
 */
public class CorrelationFilter extends OncePerRequestFilter {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    // version 00 format; other versions are at least this and may append fields (W3C Trace Context §3.2)
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-[0-9a-zA-Z.=_-]*)?");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = correlationId(request.getHeader(CorrelationKeys.CORRELATION_ID_HEADER));
        String traceparent = traceparent(request.getHeader(CorrelationKeys.TRACEPARENT_HEADER));
        response.setHeader(CorrelationKeys.CORRELATION_ID_HEADER, correlationId);
        RequestCorrelation.set(new RequestCorrelation(correlationId, traceparent));
        MDC.put(CorrelationKeys.MDC_CORRELATION_ID, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CorrelationKeys.MDC_CORRELATION_ID);
            RequestCorrelation.clear();
        }
    }

    static String correlationId(String header) {
        if (header != null) {
            String value = header.strip();
            if (SAFE_ID.matcher(value).matches()) {
                return value;
            }
        }
        return UUID.randomUUID().toString();
    }

    static String traceparent(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.length() > 512 || !TRACEPARENT.matcher(value).matches() || value.startsWith("ff")
                || (value.startsWith("00") && value.length() != 55)
                || value.substring(3, 35).chars().allMatch(c -> c == '0')
                || value.substring(36, 52).chars().allMatch(c -> c == '0')) {
            return null; // invalid per W3C: version ff, all-zero trace id or parent id
        }
        return value;
    }
}
