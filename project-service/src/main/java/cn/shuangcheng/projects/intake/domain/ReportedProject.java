package cn.shuangcheng.projects.intake.domain;

import cn.shuangcheng.projects.cooperation.api.AnnualPlanSet;
import cn.shuangcheng.projects.cooperation.api.InvestmentCorrected;
import cn.shuangcheng.projects.cooperation.api.InvestmentRecorded;
import cn.shuangcheng.projects.cooperation.api.MilestoneReached;
import cn.shuangcheng.projects.cooperation.api.ProjectCancelled;
import cn.shuangcheng.projects.cooperation.api.ProjectCompleted;
import cn.shuangcheng.projects.cooperation.api.ProjectListed;
import cn.shuangcheng.projects.cooperation.api.ProjectProposed;
import cn.shuangcheng.projects.cooperation.api.ProjectStarted;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the system already holds of a project, in the terms an intake item reports it: folded from the
 * project's own events, so intake compares against exactly what was recorded (no second copy to drift).
 */
public final class ReportedProject {

    private boolean exists;
    private boolean closed;
    private boolean completed;
    private LocalDate startedOn;
    private final Set<Integer> listYears = new HashSet<>();
    private final Map<Integer, Long> plans = new HashMap<>();
    private final Map<YearMonth, Long> investments = new HashMap<>();
    private final Set<String> milestones = new HashSet<>();

    public static ReportedProject none() {
        return new ReportedProject();
    }

    /** A copy to fold further events into, leaving this one as it is. */
    public ReportedProject copy() {
        ReportedProject copy = new ReportedProject();
        copy.exists = exists;
        copy.closed = closed;
        copy.completed = completed;
        copy.startedOn = startedOn;
        copy.listYears.addAll(listYears);
        copy.plans.putAll(plans);
        copy.investments.putAll(investments);
        copy.milestones.addAll(milestones);
        return copy;
    }

    /** Applies one event of the project; events of other kinds do not matter to intake. */
    public ReportedProject apply(Object event) {
        if (event instanceof ProjectProposed) {
            exists = true;
        } else if (event instanceof ProjectListed e) {
            listYears.add(e.listYear());
        } else if (event instanceof AnnualPlanSet e) {
            plans.put(e.year(), e.amountYuan());
        } else if (event instanceof ProjectStarted e) {
            startedOn = e.startedOn();
        } else if (event instanceof MilestoneReached e) {
            milestones.add(milestoneKey(e.name(), e.reachedOn()));
        } else if (event instanceof InvestmentRecorded e) {
            investments.put(e.period(), e.amountYuan());
        } else if (event instanceof InvestmentCorrected e) {
            investments.put(e.period(), e.amountYuan());
        } else if (event instanceof ProjectCompleted) {
            completed = true;
            closed = true;
        } else if (event instanceof ProjectCancelled) {
            closed = true;
        }
        return this;
    }

    /** What this holds, in facts: 1, plus one per list year, plan and month, and per 64 characters of milestones. */
    public int weight() {
        long weight = 1L + listYears.size() + plans.size() + investments.size();
        for (String milestone : milestones) {
            weight += 1 + milestone.length() / 64;
        }
        return (int) Math.min(Integer.MAX_VALUE, weight);
    }

    static String milestoneKey(String name, LocalDate reachedOn) {
        return name.strip() + "@" + reachedOn;
    }

    boolean exists() {
        return exists;
    }

    boolean closed() {
        return closed;
    }

    boolean completed() {
        return completed;
    }

    LocalDate startedOn() {
        return startedOn;
    }

    boolean isListedFor(int year) {
        return listYears.contains(year);
    }

    Long planFor(int year) {
        return plans.get(year);
    }

    Long investmentFor(YearMonth period) {
        return investments.get(period);
    }

    boolean hasMilestone(String name, LocalDate reachedOn) {
        return milestones.contains(milestoneKey(name, reachedOn));
    }
}
