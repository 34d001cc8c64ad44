package cn.shuangcheng.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write handler's {@code Long} parameter that receives the version the client expects, read from its
 * {@code If-Match} header by {@link IfMatch#expectedVersion}: null when the header is absent or {@code *}, 400 when it
 * is not a single version. One resolver ({@link WriteHeaderResolver}) instead of a header parameter and a parse
 * in every handler; the OpenAPI document shows it as the optional {@code If-Match} header
 * ({@link WriteHeadersApiDocs}).
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface ExpectedVersion {
}
