package cn.shuangcheng.support.correlation;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.shuangcheng.support.tracing.Traceparent;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is a sane
 * token, otherwise a new UUID. The id is echoed in the response, put in the logging MDC, and kept
 * with the request's W3C {@code traceparent} in {@link RequestCorrelation} for the command
 * dispatch interceptor.
 *
 * <p>Caller-supplied values end up in logs, metadata and Kafka headers, so only short tokens of
 * letters, digits and {@code - _ . :} are taken over; anything else is replaced, not rejected.
 *
 * <p>With tracing on, the request's server span is current when this filter runs (Boot's observation filter comes
 * first), and its context is what commands and events carry: the caller's trace continued by this service's span, or
 * a new trace when the caller sent none, so that the consumers' spans join the trace either way. Without a current
 * span the caller's valid {@code traceparent} is passed on as it came.
 */
public class CorrelationFilter extends OncePerRequestFilter {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Supplier<Optional<Traceparent>> currentSpan;

    public CorrelationFilter() {
        this(Optional::empty);
    }

    /** @param currentSpan the trace context of the span current on the request's thread, if any */
    public CorrelationFilter(Supplier<Optional<Traceparent>> currentSpan) {
        this.currentSpan = currentSpan;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = correlationId(request.getHeader(CorrelationKeys.CORRELATION_ID_HEADER));
        String traceparent = currentSpan.get().map(Traceparent::toString)
                .orElseGet(() -> traceparent(request.getHeader(CorrelationKeys.TRACEPARENT_HEADER)));
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

    /** The caller's id when it is a sane one, otherwise a new UUID. */
    public static String correlationId(String header) {
        if (header != null) {
            String value = header.strip();
            if (SAFE_ID.matcher(value).matches()) {
                return value;
            }
        }
        return UUID.randomUUID().toString();
    }

    static String traceparent(String header) {
        return Traceparent.parse(header).map(Traceparent::toString).orElse(null);
    }
}
