package cn.shuangcheng.support.web.bounds;

import cn.shuangcheng.kernel.Bounds;
import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An amount in integer yuan within the contract's bounds: from {@link #min()} (0 unless a rule asks for more) to
 * {@link Bounds#MAX_YUAN}. Null is valid (combine with {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Min(0)
@Max(Bounds.MAX_YUAN)
@ReportAsSingleViolation
public @interface Yuan {

    @OverridesAttribute(constraint = Min.class, name = "value")
    long min() default 0;

    /** In messages.properties: "must be a whole number of yuan from {min} to 10^14", and in Chinese. */
    String message() default "{cn.shuangcheng.bounds.Yuan.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
