package cn.shuangcheng.support.correlation;

/** The names the team agreed on for who-and-why data: metadata keys, HTTP headers, MDC key. */
public final class CorrelationKeys {

    /** Command and event metadata: the authenticated caller (see {@link Principals}). */
    public static final String PRINCIPAL = "principal";
    /** Command and event metadata: the id tying together everything one request caused. */
    public static final String CORRELATION_ID = "correlationId";
    /** Command and event metadata: the W3C trace context (the request's server span) of what caused the message. */
    public static final String TRACEPARENT = "traceparent";

    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    public static final String TRACEPARENT_HEADER = "traceparent";

    /** Logging MDC key holding the correlation id for the duration of a request. */
    public static final String MDC_CORRELATION_ID = "correlationId";

    private CorrelationKeys() {
    }
}
