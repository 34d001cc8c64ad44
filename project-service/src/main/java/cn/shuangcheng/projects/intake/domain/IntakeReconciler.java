package cn.shuangcheng.projects.intake.domain;

import cn.shuangcheng.projects.intake.api.IntakeItem;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ApplyReportedStateCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CompleteProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CorrectInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ListProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ProposeProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordMilestoneCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ReportedStep;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.SetAnnualPlanCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.StartProjectCommand;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Turns an intake item into the one command that brings the project to the reported state (applied all or
 * nothing): everything for a new project, only what is new or changed for a known one. A changed month becomes an explicit correction
 * with the reason {@value #CORRECTION_REASON}. A resend of the same item yields no command at all.
 * <p>
 * What intake cannot change (the start date once recorded, the proposal's figures) is left as it is and
 * reported back as a warning, so that the intake system learns of the difference without the row failing
 * every month.
 */
public final class IntakeReconciler {

    static final String CORRECTION_REASON = "intake correction";

    /** The proposal (for a new project) and the steps, in the order the project's rules accept them. */
    public record Plan(String projectId, ProposeProjectCommand proposal, List<ReportedStep> steps, List<String> warnings) {

        public boolean changesNothing() {
            return proposal == null && steps.isEmpty();
        }

        /** The proposal, if any, then the steps: what the command carries, in order. */
        List<Object> commands() {
            List<Object> all = new ArrayList<>();
            if (proposal != null) {
                all.add(proposal);
            }
            all.addAll(steps);
            return all;
        }

        /** @param basedOnVersion the version of the project this plan was made from (ignored for a new one) */
        public ApplyReportedStateCommand command(long basedOnVersion) {
            return new ApplyReportedStateCommand(projectId, proposal == null ? basedOnVersion : null, proposal, steps);
        }
    }

    public Plan reconcile(String projectId, IntakeItem item, ReportedProject current) {
        List<ReportedStep> commands = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ProposeProjectCommand proposal = null;
        if (!current.exists()) {
            // An opening balance of 0 is "none" (docs/api-guide.md, the intake item): the project then has no opening
            // month either.
            boolean opening = item.hasOpeningBalance();
            proposal = new ProposeProjectCommand(projectId, item.externalRef().strip(), item.name().strip(),
                    item.sector(), item.platform(), List.copyOf(item.regions()),
                    item.leadUnits() == null ? List.of() : List.copyOf(item.leadUnits()),
                    item.totalInvestmentYuan(), null, opening ? item.openingInvestedYuan() : null,
                    opening ? item.openingAsOf() : null);
        }
        if (item.listYear() != null && !current.isListedFor(item.listYear())) {
            commands.add(new ListProjectCommand(projectId, null, item.listYear()));
        }
        if (item.listYear() != null && item.annualPlanYuan() != null
                && !Objects.equals(current.planFor(item.listYear()), item.annualPlanYuan())) {
            commands.add(new SetAnnualPlanCommand(projectId, null, item.listYear(), item.annualPlanYuan()));
        }
        if (item.startedOn() != null) {
            if (current.startedOn() == null) {
                commands.add(new StartProjectCommand(projectId, null, item.startedOn()));
            } else if (!current.startedOn().equals(item.startedOn())) {
                warnings.add("startedOn " + item.startedOn() + " differs from the recorded start "
                        + current.startedOn() + "; a start date is not changed by intake");
            }
        }
        item.milestonesOrEmpty().stream()
                .sorted(Comparator.comparing(IntakeItem.Milestone::reachedOn))
                .filter(m -> !current.hasMilestone(m.name(), m.reachedOn()))
                .forEach(m -> commands.add(new RecordMilestoneCommand(projectId, null, m.name().strip(),
                        m.reachedOn(), null)));
        item.investmentsOrEmpty().stream()
                .sorted(Comparator.comparing(IntakeItem.MonthlyInvestment::period))
                .forEach(month -> {
                    Long recorded = current.investmentFor(month.period());
                    if (recorded == null) {
                        commands.add(new RecordInvestmentCommand(projectId, null, month.period(),
                                month.amountYuan()));
                    } else if (!recorded.equals(month.amountYuan())) {
                        commands.add(new CorrectInvestmentCommand(projectId, null, month.period(),
                                month.amountYuan(), CORRECTION_REASON));
                    }
                });
        if (item.completedOn() != null && !current.completed()) {
            commands.add(new CompleteProjectCommand(projectId, null, item.completedOn()));
        }
        return new Plan(projectId, proposal, List.copyOf(commands), List.copyOf(warnings));
    }
}
