package cn.shuangcheng.projects.intake.domain;

import cn.shuangcheng.projects.intake.api.IntakeItem;
import cn.shuangcheng.projects.cooperation.api.InvestmentRecorded;
import cn.shuangcheng.projects.cooperation.api.MilestoneReached;
import cn.shuangcheng.projects.cooperation.api.Platform;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CorrectInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ListProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ProposeProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordMilestoneCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.SetAnnualPlanCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.StartProjectCommand;
import cn.shuangcheng.projects.cooperation.api.AnnualPlanSet;
import cn.shuangcheng.projects.cooperation.api.ProjectListed;
import cn.shuangcheng.projects.cooperation.api.ProjectProposed;
import cn.shuangcheng.projects.cooperation.api.ProjectStarted;
import cn.shuangcheng.projects.cooperation.api.Sector;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How an intake item becomes commands: all for a new project, only the difference for a known one. */
class IntakeReconcilerTest {

    private static final String ID = "p-1";
    private final IntakeReconciler reconciler = new IntakeReconciler();

    private static IntakeItem reported(List<IntakeItem.MonthlyInvestment> months) {
        return new IntakeItem("CY-2023-007", "渝昆高铁川渝段", Sector.INFRASTRUCTURE, Platform.CHUANNAN_YUXI,
                List.of("511500", "500118"), List.of("四川省交通运输厅"), 50_000_000_000L, 2023, 3_000_000_000L,
                null, null, LocalDate.of(2023, 2, 10), null, months,
                List.of(new IntakeItem.Milestone("全线开工", LocalDate.of(2023, 2, 10))));
    }

    private static IntakeItem.MonthlyInvestment month(String period, long amountYuan) {
        return new IntakeItem.MonthlyInvestment(YearMonth.parse(period), amountYuan);
    }

    /** What the store holds after the January report of {@link #reported}. */
    private static ReportedProject afterJanuary() {
        return ReportedProject.none()
                .apply(new ProjectProposed(ID, "CY-2023-007", "渝昆高铁川渝段", Sector.INFRASTRUCTURE,
                        Platform.CHUANNAN_YUXI, List.of("511500", "500118"), List.of(), 50_000_000_000L, null,
                        null, null))
                .apply(new ProjectListed(ID, 2023))
                .apply(new AnnualPlanSet(ID, 2023, 3_000_000_000L))
                .apply(new ProjectStarted(ID, LocalDate.of(2023, 2, 10)))
                .apply(new MilestoneReached(ID, "全线开工", LocalDate.of(2023, 2, 10), null))
                .apply(new InvestmentRecorded(ID, YearMonth.of(2023, 1), 100_000_000L))
                .apply(new InvestmentRecorded(ID, YearMonth.of(2023, 2), 200_000_000L));
    }

    @Test
    void a_new_project_gets_every_command_that_brings_it_to_the_reported_state() {
        IntakeReconciler.Plan plan = reconciler.reconcile(ID,
                reported(List.of(month("2023-02", 200_000_000L), month("2023-01", 100_000_000L))),
                ReportedProject.none());

        assertThat(plan.commands()).extracting(c -> c.getClass().getSimpleName()).containsExactly(
                "ProposeProjectCommand", "ListProjectCommand", "SetAnnualPlanCommand", "StartProjectCommand",
                "RecordMilestoneCommand", "RecordInvestmentCommand", "RecordInvestmentCommand");
        assertThat(((ProposeProjectCommand) plan.commands().get(0)).externalRef()).isEqualTo("CY-2023-007");
        assertThat(plan.commands().get(1)).isEqualTo(new ListProjectCommand(ID, null, 2023));
        assertThat(plan.commands().get(5))
                .isEqualTo(new RecordInvestmentCommand(ID, null, YearMonth.of(2023, 1), 100_000_000L));
    }

    @Test
    void a_monthly_resend_records_the_new_month_and_corrects_the_changed_one() {
        IntakeReconciler.Plan plan = reconciler.reconcile(ID, reported(List.of(month("2023-01", 100_000_000L),
                month("2023-02", 210_000_000L), month("2023-03", 300_000_000L))), afterJanuary());

        assertThat(plan.commands()).containsExactly(
                new CorrectInvestmentCommand(ID, null, YearMonth.of(2023, 2), 210_000_000L, "intake correction"),
                new RecordInvestmentCommand(ID, null, YearMonth.of(2023, 3), 300_000_000L));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void an_exact_resend_changes_nothing() {
        IntakeReconciler.Plan plan = reconciler.reconcile(ID,
                reported(List.of(month("2023-01", 100_000_000L), month("2023-02", 200_000_000L))), afterJanuary());

        assertThat(plan.changesNothing()).isTrue();
    }

    @Test
    void a_month_left_out_of_a_resend_is_not_removed() {
        IntakeReconciler.Plan plan = reconciler.reconcile(ID, reported(List.of(month("2023-02", 200_000_000L))),
                afterJanuary());

        assertThat(plan.changesNothing()).isTrue();
    }

    @Test
    void a_changed_plan_is_set_again() {
        IntakeItem item = reported(List.of(month("2023-01", 100_000_000L), month("2023-02", 200_000_000L)));
        IntakeItem replanned = new IntakeItem(item.externalRef(), item.name(), item.sector(), item.platform(),
                item.regions(), item.leadUnits(), item.totalInvestmentYuan(), 2023, 3_500_000_000L, null, null,
                item.startedOn(), null, item.investments(), item.milestones());

        assertThat(reconciler.reconcile(ID, replanned, afterJanuary()).commands())
                .containsExactly(new SetAnnualPlanCommand(ID, null, 2023, 3_500_000_000L));
    }

    @Test
    void a_different_start_date_is_reported_back_not_changed() {
        IntakeItem item = reported(List.of(month("2023-01", 100_000_000L), month("2023-02", 200_000_000L)));
        IntakeItem restarted = new IntakeItem(item.externalRef(), item.name(), item.sector(), item.platform(),
                item.regions(), item.leadUnits(), item.totalInvestmentYuan(), 2023, 3_000_000_000L, null, null,
                LocalDate.of(2023, 3, 1), null, item.investments(), item.milestones());

        IntakeReconciler.Plan plan = reconciler.reconcile(ID, restarted, afterJanuary());
        assertThat(plan.commands()).noneMatch(c -> c instanceof StartProjectCommand);
        assertThat(plan.warnings()).singleElement().asString().contains("2023-03-01").contains("2023-02-10");
    }

    @Test
    void a_new_milestone_is_recorded_once() {
        IntakeItem item = reported(List.of(month("2023-01", 100_000_000L), month("2023-02", 200_000_000L)));
        IntakeItem withMilestone = new IntakeItem(item.externalRef(), item.name(), item.sector(), item.platform(),
                item.regions(), item.leadUnits(), item.totalInvestmentYuan(), 2023, 3_000_000_000L, null, null,
                item.startedOn(), null, item.investments(), List.of(item.milestones().get(0),
                new IntakeItem.Milestone("首座隧道贯通", LocalDate.of(2023, 9, 1))));

        assertThat(reconciler.reconcile(ID, withMilestone, afterJanuary()).commands()).containsExactly(
                new RecordMilestoneCommand(ID, null, "首座隧道贯通", LocalDate.of(2023, 9, 1), null));
    }
}
