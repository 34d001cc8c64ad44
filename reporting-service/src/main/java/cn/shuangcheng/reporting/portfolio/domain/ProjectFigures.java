package cn.shuangcheng.reporting.portfolio.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.YearMonth;
import java.util.List;

import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * One project's part in year Y's statement as of the end of month {@code asOf}, from its read-model document.
 *
 * @param started       started on or before the end of asOf
 * @param completed     completed on or before the end of asOf
 * @param atOrOverPlan  has a plan for Y (zero counts) and its investment in Y up to asOf has reached it
 * @param plan          the plan for Y, zero without one
 * @param inYear        months of Y up to asOf
 * @param cumulative    every month up to asOf, plus the opening balance when its openingAsOf is on or before asOf
 */
public record ProjectFigures(String sector, String platform, List<String> regions, boolean started, boolean completed,
                      boolean atOrOverPlan, BigInteger total, BigInteger plan, BigInteger inYear,
                      BigInteger cumulative) {

    /** The fields {@link #of} reads, for the query's projection. */
    public static Document fields(int year) {
        return new Document("sector", 1).append("platform", 1).append("rollUpRegions", 1)
                .append("totalInvestmentYuan", 1).append("plansByYear.y" + year, 1).append("openingInvestedYuan", 1)
                .append("openingAsOf", 1).append("startedOn", 1).append("completedOn", 1)
                .append("investments.period", 1).append("investments.amountYuan", 1);
    }

    public static ProjectFigures of(Document project, int year, YearMonth asOf) {
        String firstMonth = YearMonth.of(year, 1).toString();
        String lastMonth = asOf.toString();
        String lastDay = asOf.atEndOfMonth().toString();
        BigInteger inYear = BigInteger.ZERO;
        BigInteger monthsToDate = BigInteger.ZERO;
        for (Document month : project.getList("investments", Document.class, List.of())) {
            String period = month.getString("period");
            if (period == null || period.compareTo(lastMonth) > 0) {
                continue;
            }
            BigInteger amount = amount(month.get("amountYuan"));
            monthsToDate = monthsToDate.add(amount);
            if (period.compareTo(firstMonth) >= 0) {
                inYear = inYear.add(amount);
            }
        }
        Document plans = project.get("plansByYear", Document.class);
        Object planValue = plans == null ? null : plans.get("y" + year);
        BigInteger plan = amount(planValue);
        String openingAsOf = project.getString("openingAsOf");
        BigInteger opening = openingAsOf != null && openingAsOf.compareTo(lastMonth) <= 0
                ? amount(project.get("openingInvestedYuan")) : BigInteger.ZERO;
        return new ProjectFigures(project.getString("sector"), project.getString("platform"),
                project.getList("rollUpRegions", String.class, List.of()),
                onOrBefore(project.getString("startedOn"), lastDay), onOrBefore(project.getString("completedOn"), lastDay),
                planValue != null && inYear.compareTo(plan) >= 0, amount(project.get("totalInvestmentYuan")), plan,
                inYear, monthsToDate.add(opening));
    }

    private static boolean onOrBefore(String day, String lastDay) {
        return day != null && day.compareTo(lastDay) <= 0;
    }

    /** An amount as stored (int64, or int32 / Decimal128 written by other tools), exactly; absent is zero. */
    public static BigInteger amount(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue().toBigInteger();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toBigInteger();
        }
        if (value instanceof Number number) {
            return BigDecimal.valueOf(number.doubleValue()).toBigInteger();
        }
        return BigInteger.ZERO;
    }
}
