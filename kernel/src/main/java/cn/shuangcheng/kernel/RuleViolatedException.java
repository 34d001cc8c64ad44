package cn.shuangcheng.kernel;

/**
 * A business rule refused the request (HTTP 422). Thrown by domain code, which stays free of Spring:
 * the web layer maps it. {@code field} names the request field at fault, when there is one.
 */
public class RuleViolatedException extends RuntimeException {

    private final String field;

    public RuleViolatedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public RuleViolatedException(String message) {
        this(null, message);
    }

    /** The request field at fault, or {@code null} when the rule concerns the whole request. */
    public String field() {
        return field;
    }
}
