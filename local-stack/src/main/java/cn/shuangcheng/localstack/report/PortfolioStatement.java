package cn.shuangcheng.localstack.report;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;

/**
 * The joint office's statement in its own words, from reporting-service's portfolio answer
 * (GET /api/v1/reports/portfolio?year=Y): "Y年1—N月完成投资X亿元，完成年度计划的Z%", then the counts behind it.
 */
public final class PortfolioStatement {

    private PortfolioStatement() {
    }

    public static String of(JsonNode portfolio) {
        int year = portfolio.path("year").asInt();
        YearMonth asOf = YearMonth.parse(portfolio.path("asOf").asString());
        JsonNode total = portfolio.path("total");
        long inYear = total.path("completedInYearYuan").asLong();
        long plan = total.path("annualPlanYuan").asLong();
        String share = plan == 0 ? "—" : BigDecimal.valueOf(inYear).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(plan), 1, RoundingMode.HALF_UP).toPlainString() + "%";
        String points = total.path("pointsOverTarget").isNull() ? "—" : total.path("pointsOverTarget").asString();
        StringBuilder text = new StringBuilder();
        text.append(String.format("%d年1—%d月完成投资%s亿元，完成年度计划的%s%n", year, asOf.getMonthValue(),
                total.path("completedInYearYi").asString(), share));
        text.append(String.format("  清单项目%d个（总投资%s亿元，年度计划%s亿元），已开工%d个%s，已竣工%d个，"
                        + "完成年度计划的项目%d个%n", total.path("projects").asLong(),
                total.path("totalInvestmentYi").asString(), total.path("annualPlanYi").asString(),
                total.path("started").asLong(), total.path("allStarted").asBoolean() ? "（全部开工）" : "",
                total.path("completed").asLong(), total.path("atOrOverPlan").asLong()));
        text.append(String.format("  较年度计划%s个百分点，累计完成投资%s亿元%n", signed(points),
                total.path("cumulativeInvestedYi").asString()));
        text.append(String.format("  (projects %d, started %d, allStarted %s, completed %d, atOrOverPlan %d, "
                        + "completionRate %s, pointsOverTarget %s, cumulativeInvestedYuan %d)",
                total.path("projects").asLong(), total.path("started").asLong(),
                total.path("allStarted").asBoolean(), total.path("completed").asLong(),
                total.path("atOrOverPlan").asLong(), total.path("completionRate").asString(), points,
                total.path("cumulativeInvestedYuan").asLong()));
        return text.toString();
    }

    private static String signed(String points) {
        if (points.equals("—")) {
            return "超出—";
        }
        return points.startsWith("-") ? "低" + points.substring(1) : "超" + points;
    }
}
