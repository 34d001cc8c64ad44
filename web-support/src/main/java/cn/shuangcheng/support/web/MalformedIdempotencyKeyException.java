package cn.shuangcheng.support.web;

/** An Idempotency-Key header that is blank, too long or sent more than once; answered with 400. */
public class MalformedIdempotencyKeyException extends RuntimeException {

    public MalformedIdempotencyKeyException(int maxLength) {
        super("Idempotency-Key must be one key of 1 to " + maxLength + " characters, the same each time the request "
                + "is sent (a UUID will do)");
    }
}
