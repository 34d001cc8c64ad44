package cn.shuangcheng.reporting.portfolio.domain;

import java.math.BigInteger;

import cn.shuangcheng.reporting.portfolio.api.PortfolioReport;
import cn.shuangcheng.reporting.readmodel.domain.Money;

/**
 * The figures of one row of the statement (the total, a sector, a platform or a region), added up project by project
 * in exact integers: BigInteger, so that no number of projects at the 10^14 yuan bound can overflow, and never a
 * double (MongoDB's {@code $sum} over int64 turns into a double when it overflows, which is why the statement is not
 * summed there).
 */
public final class Tally {

    private long projects;
    private long started;
    private long completed;
    private long atOrOverPlan;
    private BigInteger total = BigInteger.ZERO;
    private BigInteger plan = BigInteger.ZERO;
    private BigInteger inYear = BigInteger.ZERO;
    private BigInteger cumulative = BigInteger.ZERO;

    public void add(ProjectFigures project) {
        projects++;
        started += project.started() ? 1 : 0;
        completed += project.completed() ? 1 : 0;
        atOrOverPlan += project.atOrOverPlan() ? 1 : 0;
        total = total.add(project.total());
        plan = plan.add(project.plan());
        inYear = inYear.add(project.inYear());
        cumulative = cumulative.add(project.cumulative());
    }

    public PortfolioReport.Figures figures(String key, String name) {
        return new PortfolioReport.Figures(key, name, projects, started, projects > 0 && started == projects, completed,
                atOrOverPlan, total, Money.yi(total), plan, Money.yi(plan), inYear, Money.yi(inYear),
                Money.ratio(inYear, plan, 4), Money.pointsOver(inYear, plan), cumulative, Money.yi(cumulative));
    }
}
