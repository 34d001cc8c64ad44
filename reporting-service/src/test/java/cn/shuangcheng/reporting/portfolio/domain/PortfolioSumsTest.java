package cn.shuangcheng.reporting.portfolio.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.YearMonth;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.reporting.portfolio.api.PortfolioReport;

/** The statement's sums are exact beyond a long, and one project's figures follow the read-model document. */
class PortfolioSumsTest {

    private static final long MAX_YUAN = 100_000_000_000_000L; // 10^14, the API's bound

    private static Document project(long amount) {
        return new Document("sector", "INFRASTRUCTURE").append("platform", null).append("rollUpRegions", List.of("510000"))
                .append("totalInvestmentYuan", amount).append("plansByYear", new Document("y2023", amount))
                .append("openingInvestedYuan", amount).append("openingAsOf", "2022-12")
                .append("startedOn", "2023-01-05").append("completedOn", null)
                .append("investments", List.of(
                        new Document("period", "2022-11").append("amountYuan", amount),
                        new Document("period", "2023-01").append("amountYuan", amount),
                        new Document("period", "2023-06").append("amountYuan", amount),
                        new Document("period", "2023-07").append("amountYuan", amount)));
    }

    @Test
    void oneProjectAsOfJune() {
        ProjectFigures figures = ProjectFigures.of(project(MAX_YUAN), 2023, YearMonth.of(2023, 6));

        assertThat(figures.inYear()).isEqualTo(BigInteger.valueOf(2 * MAX_YUAN));
        assertThat(figures.cumulative()).isEqualTo(BigInteger.valueOf(4 * MAX_YUAN)); // opening + 2022-11 + two months
        assertThat(figures.started()).isTrue();
        assertThat(figures.completed()).isFalse();
        assertThat(figures.atOrOverPlan()).isTrue();
    }

    @Test
    void a100000ProjectsAt10To14YuanAddUpExactlyBeyondALong() {
        Tally tally = new Tally();
        ProjectFigures each = ProjectFigures.of(project(MAX_YUAN), 2023, YearMonth.of(2023, 12));
        for (int i = 0; i < 100_000; i++) {
            tally.add(each);
        }
        PortfolioReport.Figures figures = tally.figures(null, null);

        BigInteger expectedInYear = BigInteger.valueOf(MAX_YUAN).multiply(BigInteger.valueOf(3 * 100_000L));
        assertThat(expectedInYear).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(figures.completedInYearYuan()).isEqualTo(expectedInYear);
        assertThat(figures.completedInYearYi()).isEqualTo("300000000000.00");
        assertThat(figures.annualPlanYuan()).isEqualTo(new BigInteger("10000000000000000000"));
        assertThat(figures.completionRate()).isEqualByComparingTo("3.0000");
        assertThat(figures.pointsOverTarget()).isEqualByComparingTo("200.0");
        assertThat(figures.cumulativeInvestedYuan()).isEqualTo(new BigInteger("50000000000000000000"));
        assertThat(figures.projects()).isEqualTo(100_000);
        assertThat(figures.allStarted()).isTrue();
    }
}
