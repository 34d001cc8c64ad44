package cn.shuangcheng.support.web.bounds;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A reference that names one thing however it was typed ({@link cn.shuangcheng.kernel.NaturalKeyIds#isCanonicalKey}):
 * Unicode NFKC, with no control, invisible or unassigned characters. Ids are derived from the reference as written,
 * so {@code ＣＹ-2023-001} (full-width) would otherwise propose a second project beside {@code CY-2023-001}, and the
 * portfolio would count its investment twice. Null is valid.
 */
@Documented
@Constraint(validatedBy = CanonicalReferenceValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface CanonicalReference {

    /** In messages.properties. */
    String message() default "{cn.shuangcheng.bounds.CanonicalReference.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
