package cn.shuangcheng.support.web;

import java.io.IOException;

/**
 * Thrown from the request body stream when a body without (or with an untruthful) Content-Length
 * grows past the limit. An IOException because that is what a failing stream read throws; the
 * message converters wrap it, and {@link ProblemExceptionHandler} finds it in the cause chain.
 */
public class RequestBodyTooLargeException extends IOException {

    private final long limitBytes;

    public RequestBodyTooLargeException(long limitBytes) {
        super("Request body exceeds " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
