package cn.shuangcheng.servicesupport.eventstore;

import java.math.BigDecimal;
import java.util.Optional;

import org.bson.types.Decimal128;

/**
 * A {@link BigDecimal} as MongoDB's {@link Decimal128} when that holds it exactly (at most 34 significant digits,
 * exponent within -6176..6111), else nothing: the caller keeps the value in another form (its scientific string,
 * say). Never expands the value: {@code 1E+999999999} costs what its digits cost.
 */
public final class ExactDecimal128 {

    private ExactDecimal128() {
    }

    public static Optional<Decimal128> of(BigDecimal value) {
        try {
            // Decimal128 throws when it would have to round or the exponent is out of its range.
            Decimal128 decimal = new Decimal128(value);
            return decimal.bigDecimalValue().compareTo(value) == 0 ? Optional.of(decimal) : Optional.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
