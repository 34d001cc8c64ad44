package cn.shuangcheng.support.correlation;

import java.util.Optional;

/**
 * The correlation data of the HTTP request the current thread is serving, set by
 * {@link CorrelationFilter} and read when a command is dispatched on that thread.
 *
 * @param correlationId never null
 * @param traceparent   the W3C trace context of the request's server span, or without tracing the caller's valid
 *                      traceparent; null when there is neither
 */
public record RequestCorrelation(String correlationId, String traceparent) {

    private static final ThreadLocal<RequestCorrelation> CURRENT = new ThreadLocal<>();

    /** The request being served on this thread, if any. */
    public static Optional<RequestCorrelation> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void set(RequestCorrelation correlation) {
        CURRENT.set(correlation);
    }

    static void clear() {
        CURRENT.remove();
    }
}
