package cn.shuangcheng.reporting.portfolio.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.YearMonth;

/**
 * The joint office's progress sentence, in its own words, from the total row of the portfolio:
 * "1—N月完成投资X亿元，完成年度计划的Y%", as in the published "1—4月完成投资1163.3亿元，完成年度计划的34.3%" (2023) and
 * "1—10月完成投资848.6亿元，完成年度计划的83.5%" (2021).
 *
 * <p>Wording by month: January alone is "1月…", December is the whole year, "全年…"; the rest "1—N月…" with the
 * em dash (U+2014) the office writes. Without an annual plan (zero) there is no share of it to state, and the
 * sentence ends after the amount.
 *
 * <p>Rounding, as the office writes its figures: X is the completed investment in 亿元 to one decimal and Y the share
 * of the plan in percent to one decimal, both HALF_UP, Y from the exact ratio of the yuan amounts (not from the
 * rounded completionRate, so no double rounding); a trailing ".0" is left out, as in the published "1—9月完成投资
 * 2853.5亿元，完成年度计划的84%" (84.04%) and "1—10月完成投资1889.5亿元，完成年度计划的103%" (102.97%).
 */
public final class StatementSentence {

    private static final BigDecimal YUAN_PER_YI = BigDecimal.valueOf(100_000_000L);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private StatementSentence() {
    }

    public static String of(YearMonth asOf, BigInteger completedInYearYuan, BigInteger annualPlanYuan) {
        String months = switch (asOf.getMonthValue()) {
            case 1 -> "1月";
            case 12 -> "全年";
            default -> "1—" + asOf.getMonthValue() + "月";
        };
        BigDecimal yi = new BigDecimal(completedInYearYuan).divide(YUAN_PER_YI, 1, RoundingMode.HALF_UP);
        String sentence = months + "完成投资" + written(yi) + "亿元";
        if (annualPlanYuan.signum() == 0) {
            return sentence;
        }
        BigDecimal percent = new BigDecimal(completedInYearYuan).multiply(HUNDRED)
                .divide(new BigDecimal(annualPlanYuan), 1, RoundingMode.HALF_UP);
        return sentence + "，完成年度计划的" + written(percent) + "%";
    }

    /** One decimal, without a trailing ".0": 1163.3 stays, 84.0 is written 84. */
    private static String written(BigDecimal oneDecimal) {
        return oneDecimal.remainder(BigDecimal.ONE).signum() == 0
                ? oneDecimal.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                : oneDecimal.toPlainString();
    }
}
