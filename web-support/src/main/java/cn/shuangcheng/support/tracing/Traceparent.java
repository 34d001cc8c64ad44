package cn.shuangcheng.support.tracing;

import java.util.Optional;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

/**
 * A W3C trace context ({@code traceparent}, version 00) as the event contract carries it: in command and event
 * metadata and in the CloudEvent's {@code traceparent} extension ({@code ce_traceparent} on Kafka). The contract
 * fixes the W3C format, so it is written and read here rather than through the configurable propagators (which an
 * operator may switch to B3).
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId  16 lower-case hex digits, not all zero: the span that caused what carries this context
 * @param sampled whether the trace is recorded
 */
public record Traceparent(String traceId, String spanId, boolean sampled) {

    // version 00 format; later versions are at least this and may append fields (W3C Trace Context §3.2)
    private static final Pattern FORMAT =
            Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-[0-9a-zA-Z.=_-]*)?");

    /** The valid traceparent in {@code value}, or empty (invalid per W3C: version ff, all-zero ids, bad format). */
    public static Optional<Traceparent> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.length() > 512 || !FORMAT.matcher(v).matches() || v.startsWith("ff")
                || (v.startsWith("00") && v.length() != 55)) {
            return Optional.empty();
        }
        String traceId = v.substring(3, 35);
        String spanId = v.substring(36, 52);
        if (allZero(traceId) || allZero(spanId)) {
            return Optional.empty();
        }
        int flags = Integer.parseInt(v.substring(53, 55), 16);
        return Optional.of(new Traceparent(traceId, spanId, (flags & 1) == 1));
    }

    /**
     * The context of the tracer's current span, if there is one. An unsampled span counts (its context is propagated
     * all the same, so that a sampling decision downstream can follow it); a no-op tracer's empty context does not.
     */
    public static Optional<Traceparent> current(Tracer tracer) {
        Span span = tracer.currentSpan();
        return span == null ? Optional.empty() : valid(span.context());
    }

    /** The span's context, unless it is a no-op tracer's empty one. */
    public static Optional<Traceparent> valid(TraceContext context) {
        Traceparent traceparent = of(context);
        return traceparent.isValid() ? Optional.of(traceparent) : Optional.empty();
    }

    private boolean isValid() {
        return traceId != null && spanId != null && traceId.length() == 32 && spanId.length() == 16
                && !allZero(traceId) && !allZero(spanId);
    }

    public static Traceparent of(TraceContext context) {
        return new Traceparent(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()));
    }

    /** A remote parent for spans started from this context. */
    public TraceContext toContext(Tracer tracer) {
        return tracer.traceContextBuilder().traceId(traceId).spanId(spanId).sampled(sampled).build();
    }

    @Override
    public String toString() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    private static boolean allZero(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }
}
