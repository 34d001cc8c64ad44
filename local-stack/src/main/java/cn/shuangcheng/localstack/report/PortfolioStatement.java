package cn.shuangcheng.localstack.report;

import tools.jackson.databind.JsonNode;


/**
 * What the local stack prints of a year's list: the joint office's sentence as reporting-service writes it (GET
 * /api/v1/reports/portfolio/statement), after the year, then the counts behind it from the portfolio answer (GET
 * /api/v1/reports/portfolio?year=Y).
 */
public final class PortfolioStatement {

    private PortfolioStatement() {
    }

    public static String of(String sentence, JsonNode portfolio) {
        int year = portfolio.path("year").asInt();
        JsonNode total = portfolio.path("total");
        String points = total.path("pointsOverTarget").isNull() ? "—" : total.path("pointsOverTarget").asString();
        StringBuilder text = new StringBuilder();
        text.append(year).append("年").append(sentence).append(System.lineSeparator());
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
