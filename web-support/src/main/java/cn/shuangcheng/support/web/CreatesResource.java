package cn.shuangcheng.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a write that creates a resource: it answers 201 with {@code Location} (and {@code ETag}), which the OpenAPI
 * document then says ({@link WriteResponsesApiDocs}); every other write answers 200.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface CreatesResource {

    /** Whether the same {@code externalRef} again answers 200 with the existing resource, creating nothing. */
    boolean idempotent() default false;
}
