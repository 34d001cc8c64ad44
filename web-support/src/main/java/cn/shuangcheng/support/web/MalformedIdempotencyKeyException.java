package cn.shuangcheng.support.web;

/** An Idempotency-Key header that is blank, too long or sent more than once; answered with 400. */
public class MalformedIdempotencyKeyException extends RuntimeException {

    public MalformedIdempotencyKeyException(int maxLength) {
        super("Idempotency-Key must be one key of 1 to " + maxLength + " characters, the same each time the request "
                + "is sent (a UUID will do)");
    }

    private MalformedIdempotencyKeyException(String message) {
        super(message);
    }

    /** A key is the client's own: sent with a token that names no client, it would be shared with every such one. */
    public static MalformedIdempotencyKeyException withoutCaller() {
        return new MalformedIdempotencyKeyException("Idempotency-Key needs a token that names its client (sub, "
                + "client_id or azp): keys are kept per client");
    }
}
