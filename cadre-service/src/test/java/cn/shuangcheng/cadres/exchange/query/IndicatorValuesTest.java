package cn.shuangcheng.cadres.exchange.query;

import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** How the secondment read model stores indicator values: exact, and never expanded. */
class IndicatorValuesTest {

    @Test
    void a_value_decimal128_holds_exactly_is_stored_as_decimal128_with_its_scale() {
        assertThat(SecondmentProjection.storedValue(new BigDecimal("1.50")))
                .isEqualTo(Decimal128.parse("1.50"));
        assertThat(SecondmentProjection.storedValue(new BigDecimal("140000"))).isInstanceOf(Decimal128.class);
    }

    @Test
    void a_huge_exponent_is_stored_as_its_scientific_string_without_expanding_it() {
        Object stored = SecondmentProjection.storedValue(new BigDecimal("1e999999999"));

        assertThat(stored).isEqualTo("1E+999999999");
        assertThat(SecondmentProjection.readValue(stored)).isEqualByComparingTo(new BigDecimal("1e999999999"));
        assertThat(SecondmentProjection.storedValue(new BigDecimal("1e-999999999"))).isEqualTo("1E-999999999");
    }

    @Test
    void more_digits_than_decimal128_has_are_kept_exactly_as_a_string() {
        BigDecimal digits = new BigDecimal("1234567890123456789012345678901234.5");

        Object stored = SecondmentProjection.storedValue(digits);

        assertThat(stored).isEqualTo("1234567890123456789012345678901234.5");
        assertThat(SecondmentProjection.readValue(stored)).isEqualTo(digits);
    }

    @Test
    void reads_what_it_stores_and_the_plain_strings_stored_before() {
        assertThat(SecondmentProjection.readValue(Decimal128.parse("2"))).isEqualTo(new BigDecimal("2"));
        assertThat(SecondmentProjection.readValue("140000")).isEqualTo(new BigDecimal("140000"));
        assertThat(SecondmentProjection.readValue(null)).isNull();
    }
}
