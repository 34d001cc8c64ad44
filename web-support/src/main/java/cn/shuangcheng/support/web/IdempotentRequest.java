package cn.shuangcheng.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write handler's {@code String} parameter that receives this request's id as its client names it with an
 * {@code Idempotency-Key} header: null without the header, else an id derived from the caller, the request's method and
 * path, and the key. The same request sent again (after a 503, or an answer the network lost) therefore carries the
 * same id, and two callers' or two endpoints' keys never meet; the aggregate recognises an id it has answered
 * (kernel's {@code AnsweredRequests}). A key that is blank, longer than {@value WriteHeaderResolver#MAX_KEY_LENGTH}
 * characters or sent twice is 400 ({@link MalformedIdempotencyKeyException}). The OpenAPI document shows the optional
 * header ({@link WriteHeadersApiDocs}).
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface IdempotentRequest {
}
