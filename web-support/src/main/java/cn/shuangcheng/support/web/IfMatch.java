package cn.shuangcheng.support.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the version a client expects from {@code If-Match}. The write services send the
 * aggregate version as the entity tag ({@code ETag: "3"}), so a client echoes it back as
 * {@code If-Match: "3"}. Weak tags ({@code W/"3"}) and bare numbers ({@code 3}) are tolerated
 * because some clients and proxies produce them. {@code *} means "whatever the current version
 * is" and so expects nothing. Anything else, including lists of tags, is
 * {@link MalformedIfMatchException} (400): a client that names a version must name exactly one.
 *
 * <p>See {@link WriteResponses} for how a controller uses it.
 */
public final class IfMatch {

    public static final String HEADER = "If-Match";

    private static final Pattern VERSION = Pattern.compile("(?:W/)?(\"?)(\\d{1,18})\\1");

    private IfMatch() {
    }

    /**
     * @param header the raw If-Match value, or null when the request has none
     * @return the expected aggregate version, or null when the client expects none
     * @throws MalformedIfMatchException when the header is present but not a single version
     */
    public static Long expectedVersion(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.equals("*")) {
            return null;
        }
        Matcher matcher = VERSION.matcher(value);
        if (!matcher.matches()) {
            throw new MalformedIfMatchException(value);
        }
        return Long.parseLong(matcher.group(2));
    }
}
