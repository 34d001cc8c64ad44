package cn.shuangcheng.reporting.readmodel.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void yiHasTwoDecimalsRoundedHalfUp() {
        assertThat(Money.yi(562_800_000_000L)).isEqualTo("5628.00");
        assertThat(Money.yi(500_000L)).isEqualTo("0.01");      // 0.005 亿 rounds up
        assertThat(Money.yi(499_999L)).isEqualTo("0.00");
        assertThat(Money.yi(0)).isEqualTo("0.00");
    }

    @Test
    void rateAndPointsAreExactAndNullWithoutAPlan() {
        assertThat(Money.ratio(1, 3, 4)).isEqualTo(new BigDecimal("0.3333"));
        assertThat(Money.ratio(2, 3, 4)).isEqualTo(new BigDecimal("0.6667"));
        assertThat(Money.pointsOver(21_123_456_789L, 20_000_000_000L)).isEqualTo(new BigDecimal("5.6"));
        assertThat(Money.pointsOver(99_950, 100_000)).isEqualTo(new BigDecimal("-0.1")); // −0.05 rounds away from zero
        assertThat(Money.ratio(5, 0, 4)).isNull();
        assertThat(Money.pointsOver(5, 0)).isNull();
    }
}
