package cn.shuangcheng.support.web.bounds;

import cn.shuangcheng.kernel.Bounds;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.math.BigDecimal;

/** Checks {@link BoundedDecimal} from precision and scale alone: the value is never expanded. */
public class BoundedDecimalValidator implements ConstraintValidator<BoundedDecimal, BigDecimal> {

    @Override
    public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
        return value == null || fits(value);
    }

    /** Whether the value, written out in full, has at most 18 digits and at most 6 after the point. */
    public static boolean fits(BigDecimal value) {
        if (value.signum() == 0) {
            return true; // 0, 0.000, 0E+20: all zero, whatever the scale
        }
        // Digits before the point do not change when trailing zeros are stripped, and stripping 100E2147483647 would
        // overflow its scale (ArithmeticException): a value with too many of them is refused before.
        if ((long) value.precision() - value.scale() > Bounds.MAX_DECIMAL_DIGITS) {
            return false;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        long scale = stripped.scale();
        long integerDigits = Math.max((long) stripped.precision() - scale, 1);
        long fractionDigits = Math.max(scale, 0);
        return fractionDigits <= Bounds.MAX_DECIMAL_SCALE
                && integerDigits + fractionDigits <= Bounds.MAX_DECIMAL_DIGITS;
    }
}
