package cn.shuangcheng.projects.cooperation.domain;

import cn.shuangcheng.projects.cooperation.api.AnnualPlanSet;
import cn.shuangcheng.projects.cooperation.api.InvestmentCorrected;
import cn.shuangcheng.projects.cooperation.api.InvestmentRecorded;
import cn.shuangcheng.projects.cooperation.api.MilestoneReached;
import cn.shuangcheng.projects.cooperation.api.ProjectCancelled;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CancelProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CompleteProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.CorrectInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ListProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ProposeProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordInvestmentCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordMilestoneCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ResumeProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.SetAnnualPlanCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.StartProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.SuspendProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCompleted;
import cn.shuangcheng.projects.cooperation.api.ProjectListed;
import cn.shuangcheng.projects.cooperation.api.ProjectResumed;
import cn.shuangcheng.projects.cooperation.api.ProjectStarted;
import cn.shuangcheng.projects.cooperation.api.ProjectSuspended;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.ID;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.cancelled;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.completed;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.invested;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.listed;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.planned;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.proposal;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.proposalWithOpeningBalance;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.proposed;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.proposedFrom;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.started;
import static cn.shuangcheng.projects.cooperation.domain.ProjectFacts.suspended;
import static org.hamcrest.Matchers.containsString;

/** The rules of a joint major project, one test each, on Axon's given/when/then fixture. */
class CooperationProjectTest {

    /** "Today" for every rule about the future: mid-December 2023. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2023-12-15T04:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private FixtureConfiguration<CooperationProject> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CooperationProject.class);
        fixture.registerInjectableResource(TODAY);
    }

    @Nested
    class Proposal {

        @Test
        void a_valid_proposal_creates_the_project_at_version_0() {
            fixture.givenNoPriorActivity()
                    .when(proposal())
                    .expectEvents(proposed())
                    .expectResultMessagePayload(0L);
        }

        @Test
        void an_opening_balance_is_kept_with_its_month() {
            ProposeProjectCommand withOpening = proposalWithOpeningBalance(6_000_000_000L, YearMonth.of(2022, 12));
            fixture.givenNoPriorActivity()
                    .when(withOpening)
                    .expectEvents(proposedFrom(withOpening));
        }

        @Test
        void a_project_needs_at_least_one_region() {
            ProposeProjectCommand p = proposal();
            fixture.givenNoPriorActivity()
                    .when(new ProposeProjectCommand(p.projectId(), p.externalRef(), p.name(), p.sector(),
                            p.platform(), List.of(), p.leadUnits(), p.totalInvestmentYuan(), null, null, null))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("at least one region"))
                    .expectNoEvents();
        }

        @Test
        void regions_must_be_known_codes_of_sichuan_or_chongqing() {
            ProposeProjectCommand p = proposal();
            fixture.givenNoPriorActivity()
                    .when(new ProposeProjectCommand(p.projectId(), p.externalRef(), p.name(), p.sector(),
                            p.platform(), List.of("510100", "110000"), p.leadUnits(), p.totalInvestmentYuan(),
                            null, null, null))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("unknown region code 110000"))
                    .expectNoEvents();
        }

        @Test
        void a_functional_zone_code_is_a_known_region() {
            ProposeProjectCommand p = proposal();
            ProposeProjectCommand inZone = new ProposeProjectCommand(p.projectId(), p.externalRef(), p.name(),
                    p.sector(), p.platform(), List.of("CQ-GXQ"), p.leadUnits(), p.totalInvestmentYuan(), null,
                    null, null);
            fixture.givenNoPriorActivity().when(inZone).expectEvents(proposedFrom(inZone));
        }

        @Test
        void the_total_investment_is_a_positive_amount_of_yuan() {
            ProposeProjectCommand p = proposal();
            fixture.givenNoPriorActivity()
                    .when(new ProposeProjectCommand(p.projectId(), p.externalRef(), p.name(), p.sector(),
                            p.platform(), p.regions(), p.leadUnits(), 0, null, null, null))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("positive"))
                    .expectNoEvents();
        }

        @Test
        void an_opening_amount_needs_its_month() {
            ProposeProjectCommand p = proposal();
            fixture.givenNoPriorActivity()
                    .when(new ProposeProjectCommand(p.projectId(), p.externalRef(), p.name(), p.sector(),
                            p.platform(), p.regions(), p.leadUnits(), p.totalInvestmentYuan(), null, 1_000L, null))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("go together"))
                    .expectNoEvents();
        }

        @Test
        void an_opening_balance_cannot_be_in_the_future() {
            fixture.givenNoPriorActivity()
                    .when(proposalWithOpeningBalance(1_000L, YearMonth.of(2024, 1)))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("in the future"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Listing {

        @Test
        void the_first_listing_approves_the_project() {
            fixture.given(proposed())
                    .when(new ListProjectCommand(ID, null, 2023))
                    .expectEvents(listed(2023))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void a_continuing_project_is_on_several_years_lists() {
            fixture.given(proposed(), listed(2022))
                    .when(new ListProjectCommand(ID, null, 2023))
                    .expectEvents(listed(2023));
        }

        @Test
        void a_project_is_on_a_year_list_once() {
            fixture.given(proposed(), listed(2023))
                    .when(new ListProjectCommand(ID, null, 2023))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void a_cancelled_project_cannot_be_listed() {
            fixture.given(proposed(), cancelled())
                    .when(new ListProjectCommand(ID, null, 2024))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void a_stale_expected_version_is_refused() {
            fixture.given(proposed(), listed(2022))
                    .when(new ListProjectCommand(ID, 0L, 2023))
                    .expectException(org.axonframework.modelling.command.ConflictingAggregateVersionException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class AnnualPlan {

        @Test
        void a_listed_year_gets_a_plan() {
            fixture.given(proposed(), listed(2023))
                    .when(new SetAnnualPlanCommand(ID, null, 2023, 8_000_000_000L))
                    .expectEvents(new AnnualPlanSet(ID, 2023, 8_000_000_000L));
        }

        @Test
        void a_plan_only_for_a_year_the_project_is_listed_in() {
            fixture.given(proposed(), listed(2023))
                    .when(new SetAnnualPlanCommand(ID, null, 2024, 8_000_000_000L))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("year's list"))
                    .expectNoEvents();
        }

        @Test
        void a_new_plan_replaces_the_year_plan() {
            fixture.given(proposed(), listed(2023), planned(2023, 100L))
                    .when(new SetAnnualPlanCommand(ID, null, 2023, 120L))
                    .expectEvents(new AnnualPlanSet(ID, 2023, 120L));
        }

        @Test
        void a_listed_year_may_plan_nothing() {
            fixture.given(proposed(), listed(2022), listed(2023))
                    .when(new SetAnnualPlanCommand(ID, null, 2023, 0L))
                    .expectEvents(new AnnualPlanSet(ID, 2023, 0L));
        }

        @Test
        void a_plan_is_not_a_negative_amount() {
            fixture.given(proposed(), listed(2023))
                    .when(new SetAnnualPlanCommand(ID, null, 2023, -5))
                    .expectException(RuleViolatedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Start {

        @Test
        void an_approved_project_starts() {
            fixture.given(proposed(), listed(2023))
                    .when(new StartProjectCommand(ID, null, LocalDate.of(2023, 3, 1)))
                    .expectEvents(new ProjectStarted(ID, LocalDate.of(2023, 3, 1)));
        }

        @Test
        void a_project_not_yet_on_a_list_cannot_start() {
            fixture.given(proposed())
                    .when(new StartProjectCommand(ID, null, LocalDate.of(2023, 3, 1)))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void a_start_date_cannot_be_in_the_future() {
            fixture.given(proposed(), listed(2023))
                    .when(new StartProjectCommand(ID, null, LocalDate.of(2023, 12, 16)))
                    .expectException(RuleViolatedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Milestones {

        @Test
        void an_approved_project_reaches_a_milestone_before_it_starts() {
            fixture.given(proposed(), listed(2021))
                    .when(new RecordMilestoneCommand(ID, null, "可研批复", LocalDate.of(2021, 8, 1), null))
                    .expectEvents(new MilestoneReached(ID, "可研批复", LocalDate.of(2021, 8, 1), null));
        }

        /** Proposed, listed for 2021 and {@code count} milestones reached. */
        private java.util.List<Object> listedWith(int count) {
            java.util.List<Object> history = new java.util.ArrayList<>(java.util.List.of(proposed(), listed(2021)));
            for (int i = 0; i < count; i++) {
                history.add(new MilestoneReached(ID, "节点" + i, LocalDate.of(2021, 8, 1), null));
            }
            return history;
        }

        @Test
        void the_hundredth_milestone_is_recorded() {
            fixture.given(listedWith(99))
                    .when(new RecordMilestoneCommand(ID, null, "可研批复", LocalDate.of(2021, 8, 1), null))
                    .expectEvents(new MilestoneReached(ID, "可研批复", LocalDate.of(2021, 8, 1), null));
        }

        @Test
        void a_project_records_at_most_a_hundred_milestones() {
            // each can take about 13 kB in reporting's one document per project: without a bound it outgrew 16 MB
            fixture.given(listedWith(100))
                    .when(new RecordMilestoneCommand(ID, null, "可研批复", LocalDate.of(2021, 8, 1), null))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void a_milestone_needs_a_name() {
            fixture.given(proposed(), listed(2021))
                    .when(new RecordMilestoneCommand(ID, null, " ", LocalDate.of(2021, 8, 1), null))
                    .expectException(RuleViolatedException.class)
                    .expectNoEvents();
        }

        /** Its client's answer was lost, so it sends the milestone again under the same request id. */
        @Test
        void the_same_milestone_sent_again_answers_its_first_version_and_records_nothing() {
            fixture.given(proposed(), listed(2021))
                    .andGivenCommands(keyedMilestone("可研批复", null))
                    .when(keyedMilestone("可研批复", 1L))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void another_milestone_under_the_same_request_id_is_refused() {
            fixture.given(proposed(), listed(2021))
                    .andGivenCommands(keyedMilestone("可研批复", null))
                    .when(keyedMilestone("初设批复", null))
                    .expectException(RuleViolatedException.class)
                    .expectNoEvents();
        }

        @Test
        void milestones_without_a_request_id_are_each_recorded() {
            fixture.given(proposed(), listed(2021))
                    .andGivenCommands(new RecordMilestoneCommand(ID, null, "可研批复", LocalDate.of(2021, 8, 1), null))
                    .when(new RecordMilestoneCommand(ID, null, "可研批复", LocalDate.of(2021, 8, 1), null))
                    .expectEvents(new MilestoneReached(ID, "可研批复", LocalDate.of(2021, 8, 1), null));
        }

        private RecordMilestoneCommand keyedMilestone(String name, Long expectedVersion) {
            return new RecordMilestoneCommand(ID, expectedVersion, name, LocalDate.of(2021, 8, 1), null, "request-1");
        }
    }

    @Nested
    class Investment {

        @Test
        void a_month_of_completed_investment_is_recorded() {
            fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 2, 1)))
                    .when(new RecordInvestmentCommand(ID, null, YearMonth.of(2023, 2), 536_090_000L))
                    .expectEvents(new InvestmentRecorded(ID, YearMonth.of(2023, 2), 536_090_000L))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void one_record_per_month() {
            fixture.given(proposed(), listed(2023), invested("2023-02", 100L))
                    .when(new RecordInvestmentCommand(ID, null, YearMonth.of(2023, 2), 200L))
                    .expectException(StateConflictException.class)
                    .expectExceptionMessage(containsString("already recorded"))
                    .expectNoEvents();
        }

        @Test
        void a_month_in_the_future_is_refused() {
            fixture.given(proposed(), listed(2023))
                    .when(new RecordInvestmentCommand(ID, null, YearMonth.of(2024, 1), 100L))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("in the future"))
                    .expectNoEvents();
        }

        @Test
        void a_month_before_approval_is_refused() {
            fixture.given(proposed(), listed(2023))
                    .when(new RecordInvestmentCommand(ID, null, YearMonth.of(2022, 12), 100L))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("before the project was approved"))
                    .expectNoEvents();
        }

        @Test
        void a_proposed_project_records_no_investment() {
            fixture.given(proposed())
                    .when(new RecordInvestmentCommand(ID, null, YearMonth.of(2023, 2), 100L))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void a_month_covered_by_the_opening_balance_is_refused() {
            fixture.given(proposedFrom(proposalWithOpeningBalance(6_000_000_000L, YearMonth.of(2023, 3))),
                            listed(2023))
                    .when(new RecordInvestmentCommand(ID, null, YearMonth.of(2023, 3), 100L))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("opening balance"))
                    .expectNoEvents();
        }

        @Test
        void an_amount_is_a_positive_number_of_yuan() {
            fixture.given(proposed(), listed(2023))
                    .when(new RecordInvestmentCommand(ID, null, YearMonth.of(2023, 2), 0L))
                    .expectException(RuleViolatedException.class)
                    .expectNoEvents();
        }

        @Test
        void a_correction_replaces_a_recorded_month_with_its_reason() {
            fixture.given(proposed(), listed(2023), invested("2023-02", 100L))
                    .when(new CorrectInvestmentCommand(ID, null, YearMonth.of(2023, 2), 150L, "统计口径调整"))
                    .expectEvents(new InvestmentCorrected(ID, YearMonth.of(2023, 2), 150L, 100L, "统计口径调整"));
        }

        /** A PUT whose answer was lost is sent again: it must not be refused, nor stored twice. */
        @Test
        void a_correction_to_the_recorded_amount_changes_nothing() {
            fixture.given(proposed(), listed(2023), invested("2023-02", 100L))
                    .when(new CorrectInvestmentCommand(ID, null, YearMonth.of(2023, 2), 100L, "统计口径调整"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(2L)
                    .expectNoEvents();
        }

        /** Its If-Match is the one the first PUT had: the version before the correction it repeats. */
        @Test
        void a_correction_to_the_recorded_amount_sent_with_a_stale_version_changes_nothing_and_is_no_conflict() {
            fixture.given(proposed(), listed(2023), invested("2023-02", 100L),
                            new InvestmentCorrected(ID, YearMonth.of(2023, 2), 150L, 100L, "统计口径调整"))
                    .when(new CorrectInvestmentCommand(ID, 2L, YearMonth.of(2023, 2), 150L, "统计口径调整"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(3L)
                    .expectNoEvents();
        }

        /** The same amount, but another reason: not this request sent again, and the version is stale. */
        @Test
        void the_recorded_amount_for_another_reason_sent_with_a_stale_version_is_a_conflict() {
            fixture.given(proposed(), listed(2023), invested("2023-02", 100L),
                            new InvestmentCorrected(ID, YearMonth.of(2023, 2), 150L, 100L, "统计口径调整"))
                    .when(new CorrectInvestmentCommand(ID, 2L, YearMonth.of(2023, 2), 150L, "审计调整"))
                    .expectException(ConflictingAggregateVersionException.class)
                    .expectNoEvents();
        }

        /** Answered with the version its own correction made, not with changes the client has not seen. */
        @Test
        void a_correction_sent_again_after_other_changes_answers_the_version_it_made() {
            fixture.given(proposed(), listed(2023), invested("2023-02", 100L),
                            new InvestmentCorrected(ID, YearMonth.of(2023, 2), 150L, 100L, "统计口径调整"),
                            invested("2023-03", 70L))
                    .when(new CorrectInvestmentCommand(ID, 2L, YearMonth.of(2023, 2), 150L, "统计口径调整"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(3L)
                    .expectNoEvents();
        }

        @Test
        void another_amount_sent_with_a_stale_version_is_a_conflict() {
            fixture.given(proposed(), listed(2023), invested("2023-02", 100L),
                            new InvestmentCorrected(ID, YearMonth.of(2023, 2), 150L, 100L, "统计口径调整"))
                    .when(new CorrectInvestmentCommand(ID, 2L, YearMonth.of(2023, 2), 160L, "统计口径调整"))
                    .expectException(ConflictingAggregateVersionException.class)
                    .expectNoEvents();
        }

        @Test
        void a_correction_needs_a_reason() {
            fixture.given(proposed(), listed(2023), invested("2023-02", 100L))
                    .when(new CorrectInvestmentCommand(ID, null, YearMonth.of(2023, 2), 150L, ""))
                    .expectException(RuleViolatedException.class)
                    .expectNoEvents();
        }

        @Test
        void only_a_recorded_month_can_be_corrected() {
            fixture.given(proposed(), listed(2023))
                    .when(new CorrectInvestmentCommand(ID, null, YearMonth.of(2023, 2), 150L, "补报"))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void a_completed_project_still_accepts_corrections() {
            fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 2, 1)), invested("2023-02", 100L),
                            completed(LocalDate.of(2023, 11, 30)))
                    .when(new CorrectInvestmentCommand(ID, null, YearMonth.of(2023, 2), 90L, "审计调减"))
                    .expectEvents(new InvestmentCorrected(ID, YearMonth.of(2023, 2), 90L, 100L, "审计调减"));
        }

        @Test
        void a_completed_project_records_no_new_month() {
            fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 2, 1)),
                            completed(LocalDate.of(2023, 11, 30)))
                    .when(new RecordInvestmentCommand(ID, null, YearMonth.of(2023, 12), 100L))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Completion {

        @Test
        void a_started_project_completes() {
            fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 2, 1)))
                    .when(new CompleteProjectCommand(ID, null, LocalDate.of(2023, 11, 30)))
                    .expectEvents(new ProjectCompleted(ID, LocalDate.of(2023, 11, 30)));
        }

        @Test
        void a_project_that_never_started_cannot_complete() {
            fixture.given(proposed(), listed(2023))
                    .when(new CompleteProjectCommand(ID, null, LocalDate.of(2023, 11, 30)))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void completion_is_not_before_the_start() {
            fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 2, 1)))
                    .when(new CompleteProjectCommand(ID, null, LocalDate.of(2023, 1, 31)))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("before the start"))
                    .expectNoEvents();
        }

        @Test
        void nothing_but_corrections_after_completion() {
            fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 2, 1)),
                            completed(LocalDate.of(2023, 11, 30)))
                    .when(new RecordMilestoneCommand(ID, null, "竣工验收", LocalDate.of(2023, 12, 1), null))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class SuspensionAndCancellation {

        @Test
        void a_started_project_is_suspended_with_a_reason() {
            fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 2, 1)))
                    .when(new SuspendProjectCommand(ID, null, "环评整改"))
                    .expectEvents(new ProjectSuspended(ID, "环评整改"));
        }

        @Test
        void a_resumed_project_returns_to_where_it_was() {
            fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 2, 1)), suspended(),
                            new ProjectResumed(ID, "整改完成"))
                    .when(new CompleteProjectCommand(ID, null, LocalDate.of(2023, 11, 30)))
                    .expectEvents(new ProjectCompleted(ID, LocalDate.of(2023, 11, 30)));
        }

        @Test
        void a_suspended_project_does_not_complete() {
            fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 2, 1)), suspended())
                    .when(new CompleteProjectCommand(ID, null, LocalDate.of(2023, 11, 30)))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void only_a_suspended_project_resumes() {
            fixture.given(proposed(), listed(2023))
                    .when(new ResumeProjectCommand(ID, null, "继续"))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void a_cancellation_needs_a_reason() {
            fixture.given(proposed())
                    .when(new CancelProjectCommand(ID, null, null))
                    .expectException(RuleViolatedException.class)
                    .expectNoEvents();
        }

        @Test
        void a_project_is_cancelled() {
            fixture.given(proposed(), listed(2023))
                    .when(new CancelProjectCommand(ID, null, "项目调出清单"))
                    .expectEvents(new ProjectCancelled(ID, "项目调出清单"));
        }

        @Test
        void a_cancelled_project_changes_no_more() {
            fixture.given(proposed(), listed(2023), cancelled())
                    .when(new SetAnnualPlanCommand(ID, null, 2023, 100L))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void a_completed_project_cannot_be_cancelled() {
            fixture.given(proposed(), listed(2023), started(LocalDate.of(2023, 2, 1)),
                            completed(LocalDate.of(2023, 11, 30)))
                    .when(new CancelProjectCommand(ID, null, "撤销"))
                    .expectException(StateConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void a_project_suspended_before_approval_is_approved_by_a_listing_and_resumes_approved() {
            fixture.given(proposed(), suspended(), new ProjectListed(ID, 2023), new ProjectResumed(ID, "恢复"))
                    .when(new StartProjectCommand(ID, null, LocalDate.of(2023, 3, 1)))
                    .expectEvents(new ProjectStarted(ID, LocalDate.of(2023, 3, 1)));
        }
    }
}
