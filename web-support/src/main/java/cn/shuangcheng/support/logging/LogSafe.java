package cn.shuangcheng.support.logging;

import cn.shuangcheng.support.web.bounds.WellFormedText;

import java.util.Collection;
import java.util.Iterator;

/**
 * Makes strings that come from outside (Kafka keys, CloudEvents types and ids, dead-letter reasons, exception
 * messages quoting a record) safe to log: control characters (which could forge log lines or move a terminal's
 * cursor) and Unicode line and bidi separators are escaped as {@code \\uXXXX} (CR, LF and tab as {@code \\r},
 * {@code \\n}, {@code \\t}), and the text is cut at {@value #MAX_CHARS} characters with the number left off, so that
 * one record cannot flood a log line.
 */
public final class LogSafe {

    public static final int MAX_CHARS = 200;
    private static final int LISTED = 10;

    private LogSafe() {
    }

    public static String text(Object value) {
        return text(value, MAX_CHARS);
    }

    public static String text(Object value, int maxChars) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        int cut = WellFormedText.cutAt(text, maxChars); // never half a character
        StringBuilder out = new StringBuilder(cut + 16);
        for (int i = 0; i < cut; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || isSeparatorOrBidi(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (cut < text.length()) {
            out.append("…(+").append(text.length() - cut).append(" chars)");
        }
        return out.toString();
    }

    /** A list (e.g. of missing sequences) as its size and its first few entries: {@code 4 [1, 2, 3, …]}. */
    public static String summary(Collection<?> values) {
        if (values == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder().append(values.size()).append(" [");
        Iterator<?> it = values.iterator();
        for (int i = 0; i < LISTED && it.hasNext(); i++) {
            out.append(i > 0 ? ", " : "").append(text(it.next(), 40));
        }
        if (it.hasNext()) {
            out.append(", …");
        }
        return out.append(']').toString();
    }

    /** An exception for a log line or a dead-letter reason: its class and its (untrusted) message, made safe. */
    public static String exception(Throwable e) {
        return e.getClass().getSimpleName() + ": " + text(e.getMessage());
    }

    /** Where an exception happened, without its message: its first {@code n} stack frames. */
    public static String frames(Throwable e, int n) {
        if (e == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(n, trace.length); i++) {
            out.append(i > 0 ? " < " : "").append(trace[i]);
        }
        return out.toString();
    }

    private static boolean isSeparatorOrBidi(char c) {
        return c == '\u2028' || c == '\u2029' || c == '\u0085' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f' || c == '\ufeff';
    }
}
