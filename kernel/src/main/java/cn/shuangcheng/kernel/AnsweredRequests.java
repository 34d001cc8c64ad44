package cn.shuangcheng.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The requests an aggregate has carried out under an id the client chose (an {@code Idempotency-Key}), so that the
 * same request sent again is answered as the first time and changes nothing. A client sends a request again when it
 * got no clear answer: a 503 after MongoDB took the event but did not say so, a dropped connection. Without this, a
 * write that adds something (a contribution) would add it twice.
 * <p>
 * The aggregate stores the request's id and a digest of what it asked in the metadata of the event it applied
 * ({@link #REQUEST_ID}, {@link #REQUEST_DIGEST}), and rebuilds this map from that metadata alone, so the map is as
 * durable as the event and is written in the same append: there is no second store a crash could leave behind.
 * The digest is stored, so its encoding ({@link #digest}) must never change.
 */
public final class AnsweredRequests {

    /** Event metadata: the id of the request the event carried out. */
    public static final String REQUEST_ID = "requestId";
    /** Event metadata: {@link #digest} of what that request asked. */
    public static final String REQUEST_DIGEST = "requestDigest";

    private record Answer(long version, String digest) {
    }

    private final Map<String, Answer> answers = new HashMap<>();

    /**
     * The version the first request under {@code requestId} answered, when there was one (never for a null id: a
     * request without a key).
     *
     * @throws RuleViolatedException (422, field {@code Idempotency-Key}) when that request asked something else: the
     *                               client reused a key for a new request
     */
    public OptionalLong replay(String requestId, String digest) {
        Answer first = requestId == null ? null : answers.get(requestId);
        if (first == null) {
            return OptionalLong.empty();
        }
        if (!first.digest().equals(digest)) {
            throw keyReused();
        }
        return OptionalLong.of(first.version());
    }

    /** The refusal of a request whose id an earlier, different request was carried out under. */
    public static RuleViolatedException keyReused() {
        return new RuleViolatedException("Idempotency-Key", "this key was sent before with another request; "
                + "a new request needs a new key");
    }

    /** The event metadata that records the request: none for a request without an id. */
    public static Map<String, String> metadata(String requestId, String digest) {
        return requestId == null ? Map.of() : Map.of(REQUEST_ID, requestId, REQUEST_DIGEST, digest);
    }

    /** Called while the aggregate is sourced, for an event whose metadata names its request. */
    public void answered(Object requestId, Object digest, long version) {
        if (requestId != null && digest != null) {
            answers.put(requestId.toString(), new Answer(version, digest.toString()));
        }
    }

    /**
     * SHA-256, in hex, of the parts in order. Each part is written with its length first, so that no two different
     * lists of parts read the same ("ab", "c" is not "a", "bc"); a collection is written as its size and then its
     * elements, null as a length of -1. Parts are written with {@link String#valueOf}: pass strings, numbers, dates and
     * enums, whose text is specified, not records, whose text is not.
     */
    public static String digest(Object... parts) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            append(text, part);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void append(StringBuilder text, Object part) {
        if (part == null) {
            text.append("-1;");
        } else if (part instanceof Collection<?> parts) {
            text.append('[').append(parts.size()).append(';');
            parts.forEach(element -> append(text, element));
        } else {
            String value = String.valueOf(part);
            text.append(value.length()).append(':').append(value);
        }
    }
}
