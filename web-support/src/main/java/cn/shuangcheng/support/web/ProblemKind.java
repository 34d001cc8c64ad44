package cn.shuangcheng.support.web;

import java.net.URI;
import java.util.Locale;

/**
 * The kinds of problem the write services answer with. Each has a stable {@code type} URI that
 * clients may switch on; titles are the same for every occurrence of a kind (RFC 9457 §3.1.3),
 * the occurrence-specific text goes in {@code detail}. The titles here are the English ones; answers carry them in
 * the request's language ({@link ProblemMessages#title}).
 */
public enum ProblemKind {

    /** The body is not JSON at all, or the request cannot be read (400). */
    MALFORMED_REQUEST(400, "Malformed request"),
    /** Well-formed, but a value has the wrong type or format, or a parameter is missing (400). */
    INVALID_REQUEST(400, "Invalid request"),
    /** Bean-validation constraints failed; {@code errors} lists them per field (422). */
    VALIDATION(422, "Validation failed"),
    /** A business rule of the domain forbids the command (422). */
    RULE_VIOLATED(422, "Business rule violated"),
    /** The command does not fit the current state of the resource (409). */
    STATE_CONFLICT(409, "State conflict"),
    /** The resource changed since the version the client expected, or a concurrent write won (409). */
    VERSION_CONFLICT(409, "Version conflict"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    /** The client has too much in progress already (an intake client's batches not yet completed): try later (429). */
    TOO_MANY_REQUESTS(429, "Too many requests"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    INTERNAL(500, "Internal server error"),
    UNAVAILABLE(503, "Service unavailable");

    public static final String TYPE_PREFIX = "urn:shuangcheng:problem:";

    private final int status;
    private final String title;

    ProblemKind(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /**
     * The last part of the type URI, e.g. {@code rule-violated}: the constant's name in lower case with hyphens. Also
     * the key of the title's translations.
     */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public URI type() {
        return URI.create(TYPE_PREFIX + slug());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /**
     * The kind for a status produced by a framework exception we do not map explicitly, so that
     * every problem carries one of our type URIs.
     */
    public static ProblemKind forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> STATE_CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : INVALID_REQUEST;
        };
    }
}
