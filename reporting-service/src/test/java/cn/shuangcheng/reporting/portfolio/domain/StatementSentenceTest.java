package cn.shuangcheng.reporting.portfolio.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.YearMonth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sentence is the joint office's, character for character, for portfolios whose figures are those of published
 * months (demo-data/SOURCES.md section 1, the officialTotals of demo-data/demo-dataset.json; 万元 there, yuan here).
 */
class StatementSentenceTest {

    private static final BigInteger WAN = BigInteger.valueOf(10_000);

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', value = {
            // 2023 list, plan 3395.3亿: the published January–April and January–September statements
            "2023-04 | 11633000 | 33953000 | 1—4月完成投资1163.3亿元，完成年度计划的34.3%",
            "2023-09 | 28535000 | 33953000 | 1—9月完成投资2853.5亿元，完成年度计划的84%",
            // 2021 list, plan about 1016亿 (derived by the fact sheet from this very statement)
            "2021-10 | 8486000  | 10160000 | 1—10月完成投资848.6亿元，完成年度计划的83.5%",
            // 2022 list, plan 1835亿: January–October, 102.97% written 103%
            "2022-10 | 18895000 | 18350000 | 1—10月完成投资1889.5亿元，完成年度计划的103%",
            // 2024 list, plan about 4365亿: January–September 3699亿 (84.7%)
            "2024-09 | 36990000 | 43650000 | 1—9月完成投资3699亿元，完成年度计划的84.7%",
            // 2023 full year: 4138.4亿 of 3395.3亿
            "2023-12 | 41384000 | 33953000 | 全年完成投资4138.4亿元，完成年度计划的121.9%",
            "2023-01 | 1000000  | 33953000 | 1月完成投资100亿元，完成年度计划的2.9%",
            // no plan: no share of it
            "2022-06 | 50000    | 0        | 1—6月完成投资5亿元",
    })
    void theOfficesWording(String asOf, long inYearWan, long planWan, String sentence) {
        assertThat(StatementSentence.of(YearMonth.parse(asOf), BigInteger.valueOf(inYearWan).multiply(WAN),
                BigInteger.valueOf(planWan).multiply(WAN))).isEqualTo(sentence);
    }

    @ParameterizedTest(name = "{0} yuan of {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "116325000000 | 339530000000 | 1—4月完成投资1163.3亿元，完成年度计划的34.3%", // 1163.25亿 rounds up
            "116324999999 | 339530000000 | 1—4月完成投资1163.2亿元，完成年度计划的34.3%",
            "0            | 339530000000 | 1—4月完成投资0亿元，完成年度计划的0%",
    })
    void roundingIsHalfUpToOneDecimal(long inYear, long plan, String sentence) {
        assertThat(StatementSentence.of(YearMonth.of(2023, 4), BigInteger.valueOf(inYear), BigInteger.valueOf(plan)))
                .isEqualTo(sentence);
    }
}
