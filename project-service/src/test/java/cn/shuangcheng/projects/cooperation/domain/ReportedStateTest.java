package cn.shuangcheng.projects.cooperation.domain;

import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ApplyReportedStateCommand;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CompleteProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CorrectInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ListProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordMilestoneCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.SetAnnualPlanCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.StartProjectCommand;
import cn.shuangcheng.projects.cooperation.api.InvestmentCorrected;
import cn.shuangcheng.projects.cooperation.api.MilestoneReached;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.ID;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.completed;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.invested;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.listed;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.planned;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.proposal;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.proposed;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.started;
import static org.hamcrest.Matchers.containsString;

/**
 * An intake row's whole plan as one command: every step under its own rule, all events or none. A fixture that
 * expects an exception also checks that no event was applied, which is what "nothing is stored" means here: Axon
 * appends a unit of work's events only when it commits.
 */
class ReportedStateTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2023-12-15T04:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private FixtureConfiguration<CooperationProject> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CooperationProject.class);
        fixture.registerInjectableResource(TODAY);
    }

    private static ListProjectCommand list(int year) {
        return new ListProjectCommand(ID, null, year);
    }

    private static RecordInvestmentCommand invest(String period, long amountYuan) {
        return new RecordInvestmentCommand(ID, null, YearMonth.parse(period), amountYuan);
    }

    @Test
    void a_new_project_is_proposed_listed_planned_started_and_invested_in_one_go() {
        fixture.givenNoPriorActivity()
                .when(new ApplyReportedStateCommand(ID, null, proposal(), List.of(list(2023),
                        new SetAnnualPlanCommand(ID, null, 2023, 500_000_000L),
                        new StartProjectCommand(ID, null, LocalDate.of(2023, 2, 1)),
                        invest("2023-02", 40_000_000L), invest("2023-03", 50_000_000L))))
                .expectEvents(proposed(), listed(2023), planned(2023, 500_000_000L),
                        started(LocalDate.of(2023, 2, 1)), invested("2023-02", 40_000_000L),
                        invested("2023-03", 50_000_000L))
                .expectResultMessagePayload(5L);
    }

    @Test
    void a_refused_last_step_of_a_new_project_leaves_no_project() {
        fixture.givenNoPriorActivity()
                .when(new ApplyReportedStateCommand(ID, null, proposal(), List.of(list(2023),
                        invest("2023-02", 40_000_000L),
                        // before the first list year: refused after three events were applied
                        invest("2022-12", 10_000_000L))))
                .expectNoEvents()
                .expectException(RuleViolatedException.class)
                .expectExceptionMessage(containsString("before the project was approved"));
    }

    @Test
    void a_known_project_takes_only_the_steps_and_a_later_refusal_undoes_the_earlier_ones() {
        fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 1, 10)), invested("2023-01", 1_000L))
                .when(new ApplyReportedStateCommand(ID, null, null, List.of(
                        new CorrectInvestmentCommand(ID, null, YearMonth.of(2023, 1), 2_000L, "intake correction"),
                        new RecordMilestoneCommand(ID, null, "奠基", LocalDate.of(2023, 3, 1), null),
                        // a month already recorded cannot be recorded again
                        invest("2023-01", 3_000L))))
                .expectNoEvents()
                .expectException(StateConflictException.class);
    }

    @Test
    void steps_see_the_events_of_the_steps_before_them() {
        fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 1, 10)))
                .when(new ApplyReportedStateCommand(ID, null, null, List.of(invest("2023-01", 1_000L),
                        new CorrectInvestmentCommand(ID, null, YearMonth.of(2023, 1), 2_000L, "intake correction"),
                        new RecordMilestoneCommand(ID, null, "通车", LocalDate.of(2023, 11, 30), null),
                        new CompleteProjectCommand(ID, null, LocalDate.of(2023, 12, 1)))))
                .expectEvents(invested("2023-01", 1_000L),
                        new InvestmentCorrected(ID, YearMonth.of(2023, 1), 2_000L, 1_000L, "intake correction"),
                        new MilestoneReached(ID, "通车", LocalDate.of(2023, 11, 30), null),
                        completed(LocalDate.of(2023, 12, 1)));
    }

    @Test
    void steps_planned_from_another_version_are_refused_to_be_planned_again() {
        // planned when the project stood at version 1; a month recorded since (version 2) would be written over
        fixture.given(proposed(), listed(2023), invested("2023-01", 1_000L))
                .when(new ApplyReportedStateCommand(ID, 1L, null, List.of(
                        new CorrectInvestmentCommand(ID, null, YearMonth.of(2023, 1), 500L, "intake correction"))))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void steps_planned_from_the_current_version_are_taken() {
        fixture.given(proposed(), listed(2023), invested("2023-01", 1_000L))
                .when(new ApplyReportedStateCommand(ID, 2L, null, List.of(invest("2023-02", 2_000L))))
                .expectEvents(invested("2023-02", 2_000L))
                .expectResultMessagePayload(3L);
    }

    @Test
    void a_proposal_for_a_project_that_exists_meanwhile_is_refused() {
        fixture.given(proposed())
                .when(new ApplyReportedStateCommand(ID, null, proposal(), List.of(list(2023))))
                .expectNoEvents()
                .expectException(StateConflictException.class);
    }

    @Test
    void steps_for_a_project_that_does_not_exist_are_refused() {
        fixture.givenNoPriorActivity()
                .when(new ApplyReportedStateCommand(ID, null, null, List.of(list(2023))))
                .expectNoEvents()
                .expectException(StateConflictException.class);
    }
}
