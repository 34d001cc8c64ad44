package cn.shuangcheng.support.web.bounds;

import cn.shuangcheng.kernel.Bounds;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A decimal that can be written out in full with at most {@link Bounds#MAX_DECIMAL_DIGITS} digits, at most
 * {@link Bounds#MAX_DECIMAL_SCALE} of them after the point. {@code 1e999999999} parses into a one-digit BigDecimal,
 * but written out it has a billion digits (whoever calls {@code toPlainString()} on it runs out of memory): it is
 * refused here, before it can reach an event.
 */
@Documented
@Constraint(validatedBy = BoundedDecimalValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundedDecimal {

    /** In messages.properties: at most {@link Bounds#MAX_DECIMAL_DIGITS} digits, {@link Bounds#MAX_DECIMAL_SCALE} after the point. */
    String message() default "{cn.shuangcheng.bounds.BoundedDecimal.message}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
