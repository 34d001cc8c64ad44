package cn.shuangcheng.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read that answers the resource with its version as {@code ETag} (usable as {@code If-Match}), which the
 * OpenAPI document then says ({@link WriteResponsesApiDocs}).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface VersionedRead {
}
