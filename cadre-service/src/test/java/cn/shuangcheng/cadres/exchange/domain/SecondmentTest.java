package cn.shuangcheng.cadres.exchange.domain;

import cn.shuangcheng.cadres.exchange.api.CadreArrived;
import cn.shuangcheng.cadres.exchange.api.ContributionCategory;
import cn.shuangcheng.cadres.exchange.api.ContributionRecorded;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.CompleteSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.EndSecondmentEarlyCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.ExtendSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RecordArrivalCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RecordContributionCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RestorePlacedSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.Indicator;
import cn.shuangcheng.cadres.exchange.api.SecondmentCompleted;
import cn.shuangcheng.cadres.exchange.api.SecondmentEndedEarly;
import cn.shuangcheng.cadres.exchange.api.SecondmentExtended;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.DISPATCHED;
import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.END;
import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.SECONDMENT;
import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.registered;
import static org.hamcrest.Matchers.containsString;

/** The rules of one secondment, from arrival to completion or early end, one test each. */
class SecondmentTest {

    /** "Today": 2024-06-15. */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2024-06-15T04:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final LocalDate ARRIVED = LocalDate.of(2022, 11, 3);
    private static final List<Indicator> BUS_LINES = List.of(
            new Indicator("跨省公交线路", new BigDecimal("2"), "条"),
            new Indicator("服务", new BigDecimal("140000"), "人次"));

    private FixtureConfiguration<Secondment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Secondment.class);
        fixture.registerInjectableResource(TODAY);
    }

    private static CadreArrived arrived() {
        return new CadreArrived(SECONDMENT, ARRIVED);
    }

    private static RecordContributionCommand contribution(LocalDate on) {
        return new RecordContributionCommand(SECONDMENT, null, "c-1", on, ContributionCategory.PUBLIC_SERVICE,
                " 推动开通川渝跨省公交线路 ", List.of("p-1"), BUS_LINES);
    }

    @Nested
    class Restoration {

        @Test
        void a_secondment_whose_place_was_stored_without_it_is_stored_from_the_same_registration() {
            fixture.givenNoPriorActivity()
                    .when(new RestorePlacedSecondmentCommand(SECONDMENT, registered(SECONDMENT)))
                    .expectEvents(registered(SECONDMENT))
                    .expectResultMessagePayload(0L);
        }

        @Test
        void a_registration_of_another_secondment_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(new RestorePlacedSecondmentCommand("other", registered(SECONDMENT)))
                    .expectException(IllegalArgumentException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Arrival {

        @Test
        void an_arrival_on_or_after_the_start_puts_the_cadre_on_post() {
            fixture.given(registered(SECONDMENT))
                    .when(new RecordArrivalCommand(SECONDMENT, null, ARRIVED))
                    .expectEvents(arrived())
                    .expectResultMessagePayload(1L);
        }

        @Test
        void an_arrival_before_the_start_is_refused() {
            fixture.given(registered(SECONDMENT))
                    .when(new RecordArrivalCommand(SECONDMENT, null, DISPATCHED.minusDays(1)))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("cannot be before the start"))
                    .expectNoEvents();
        }

        @Test
        void a_second_arrival_is_a_conflict() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new RecordArrivalCommand(SECONDMENT, null, ARRIVED))
                    .expectException(StateConflictException.class);
        }

        @Test
        void an_arrival_in_the_future_is_refused() {
            fixture.given(registered(SECONDMENT))
                    .when(new RecordArrivalCommand(SECONDMENT, null, LocalDate.of(2024, 6, 16)))
                    .expectException(RuleViolatedException.class);
        }

        @Test
        void a_stale_if_match_version_is_a_conflict() {
            fixture.given(registered(SECONDMENT), new SecondmentExtended(SECONDMENT, END.plusMonths(1), END, "因"))
                    .when(new RecordArrivalCommand(SECONDMENT, 0L, ARRIVED))
                    .expectException(ConflictingAggregateVersionException.class);
        }
    }

    @Nested
    class Contributions {

        private static final String PROJECT = "3cd5d35f-a104-3e87-9576-e7a30ef1994c";

        @Test
        void a_contribution_on_post_is_recorded_with_its_projects_and_indicators() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(contribution(LocalDate.of(2023, 5, 20)))
                    .expectEvents(new ContributionRecorded(SECONDMENT, "c-1", LocalDate.of(2023, 5, 20),
                            ContributionCategory.PUBLIC_SERVICE, "推动开通川渝跨省公交线路", List.of("p-1"), BUS_LINES))
                    .expectResultMessagePayload(2L);
        }

        /** Registration, arrival and {@code count} contributions. */
        private List<Object> onPostWith(int count) {
            List<Object> history = new java.util.ArrayList<>(List.of(registered(SECONDMENT), arrived()));
            for (int i = 0; i < count; i++) {
                history.add(new ContributionRecorded(SECONDMENT, "c-" + i, LocalDate.of(2023, 5, 20),
                        ContributionCategory.PUBLIC_SERVICE, "推动开通川渝跨省公交线路", List.of("p-1"), BUS_LINES));
            }
            return history;
        }

        @Test
        void the_hundredth_contribution_is_recorded() {
            fixture.given(onPostWith(99))
                    .when(contribution(LocalDate.of(2023, 5, 21)))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(101L);
        }

        @Test
        void a_secondment_records_at_most_a_hundred_contributions() {
            // each can hold about 120 kB: without a bound the secondment's read-model document outgrew 16 MB
            fixture.given(onPostWith(100))
                    .when(contribution(LocalDate.of(2023, 5, 21)))
                    .expectNoEvents()
                    .expectException(StateConflictException.class)
                    .expectExceptionMessage(containsString("at most 100 contributions"));
        }

        @Test
        void a_contribution_before_arrival_is_a_conflict() {
            fixture.given(registered(SECONDMENT))
                    .when(contribution(LocalDate.of(2023, 5, 20)))
                    .expectException(StateConflictException.class)
                    .expectExceptionMessage(containsString("only while on post"));
        }

        @Test
        void a_contribution_after_completion_is_a_conflict() {
            fixture.given(registered(SECONDMENT), arrived(), new SecondmentCompleted(SECONDMENT, END, null))
                    .when(contribution(LocalDate.of(2023, 5, 20)))
                    .expectException(StateConflictException.class);
        }

        @Test
        void a_contribution_dated_after_the_end_is_refused() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(contribution(END.plusDays(1)))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("within the secondment"));
        }

        @Test
        void a_contribution_dated_before_the_start_is_refused() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(contribution(DISPATCHED.minusDays(1)))
                    .expectException(RuleViolatedException.class);
        }

        @Test
        void a_contribution_after_an_extension_may_be_dated_in_the_extended_time() {
            fixture.given(registered(SECONDMENT), arrived(),
                            new SecondmentExtended(SECONDMENT, END.plusMonths(6), END, "项目收尾"))
                    .when(contribution(END.plusMonths(1)))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void a_negative_indicator_is_refused() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new RecordContributionCommand(SECONDMENT, null, "c-1", LocalDate.of(2023, 5, 20),
                            ContributionCategory.FINANCE, "融资", List.of(),
                            List.of(new Indicator("融资", new BigDecimal("-1"), "亿元"))))
                    .expectException(RuleViolatedException.class);
        }

        @Test
        void a_project_linked_twice_is_refused() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new RecordContributionCommand(SECONDMENT, null, "c-1", LocalDate.of(2023, 5, 20),
                            ContributionCategory.FINANCE, "融资", List.of("p-1", "p-1"), List.of()))
                    .expectException(RuleViolatedException.class);
        }

        /** Reporting counts linked projects by id: another spelling of one id was a second project. */
        @Test
        void a_project_linked_twice_in_another_spelling_is_refused() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new RecordContributionCommand(SECONDMENT, null, "c-1", LocalDate.of(2023, 5, 20),
                            ContributionCategory.FINANCE, "融资", List.of(PROJECT, " " + PROJECT.toUpperCase() + " "),
                            List.of()))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("linked twice"));
        }

        @Test
        void project_ids_are_recorded_in_one_spelling() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new RecordContributionCommand(SECONDMENT, null, "c-1", LocalDate.of(2023, 5, 20),
                            ContributionCategory.FINANCE, "融资", List.of(" " + PROJECT.toUpperCase(), "p-1 "),
                            List.of()))
                    .expectEvents(new ContributionRecorded(SECONDMENT, "c-1", LocalDate.of(2023, 5, 20),
                            ContributionCategory.FINANCE, "融资", List.of(PROJECT, "p-1"), List.of()));
        }
    }

    /** A contribution sent again under the same id (its client's Idempotency-Key), after an answer that was lost. */
    @Nested
    class ContributionSentAgain {

        private static final LocalDate ON = LocalDate.of(2023, 5, 20);

        @Test
        void the_same_contribution_sent_again_answers_its_first_version_and_records_nothing() {
            fixture.given(registered(SECONDMENT), arrived())
                    .andGivenCommands(contribution(ON))
                    .when(contribution(ON))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void another_contribution_under_the_same_id_is_refused() {
            fixture.given(registered(SECONDMENT), arrived())
                    .andGivenCommands(contribution(ON))
                    .when(contribution(ON.plusDays(1)))
                    .expectNoEvents()
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("sent before with another request"));
        }

        @Test
        void a_changed_indicator_is_another_contribution() {
            fixture.given(registered(SECONDMENT), arrived())
                    .andGivenCommands(contribution(ON))
                    .when(new RecordContributionCommand(SECONDMENT, null, "c-1", ON, ContributionCategory.PUBLIC_SERVICE,
                            " 推动开通川渝跨省公交线路 ", List.of("p-1"),
                            List.of(new Indicator("跨省公交线路", new BigDecimal("3"), "条"), BUS_LINES.get(1))))
                    .expectException(RuleViolatedException.class);
        }

        /** The client's If-Match named the version before its own first request: that is no conflict. */
        @Test
        void the_same_contribution_with_the_if_match_it_was_first_sent_with_answers_its_first_version() {
            fixture.given(registered(SECONDMENT), arrived())
                    .andGivenCommands(contribution(ON))
                    .when(withIfMatch(contribution(ON), 1L))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void a_new_contribution_with_a_stale_if_match_is_still_a_conflict() {
            fixture.given(registered(SECONDMENT), arrived())
                    .andGivenCommands(contribution(ON))
                    .when(withIfMatch(new RecordContributionCommand(SECONDMENT, null, "c-2", ON,
                            ContributionCategory.FINANCE, "融资", List.of(), List.of()), 1L))
                    .expectNoEvents()
                    .expectException(ConflictingAggregateVersionException.class);
        }

        @Test
        void the_same_contribution_sent_again_after_completion_answers_its_first_version() {
            fixture.given(registered(SECONDMENT), arrived())
                    .andGivenCommands(contribution(ON),
                            new CompleteSecondmentCommand(SECONDMENT, null, END, null))
                    .when(contribution(ON))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(2L);
        }

        private static RecordContributionCommand withIfMatch(RecordContributionCommand c, long version) {
            return new RecordContributionCommand(c.secondmentId(), version, c.contributionId(), c.on(), c.category(),
                    c.summary(), c.projectIds(), c.indicators());
        }
    }

    @Nested
    class Extension {

        @Test
        void an_extension_moves_the_end_later() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new ExtendSecondmentCommand(SECONDMENT, null, END.plusMonths(6), "项目收尾"))
                    .expectEvents(new SecondmentExtended(SECONDMENT, END.plusMonths(6), END, "项目收尾"));
        }

        @Test
        void an_extension_that_does_not_move_the_end_later_is_refused() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new ExtendSecondmentCommand(SECONDMENT, null, END, "同日"))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("moves the end later"));
        }

        @Test
        void a_secondment_records_at_most_a_hundred_extensions() {
            // each keeps a reason of up to 4,000 characters in the read-model document: without a bound, a day at a
            // time, it outgrew MongoDB's 16 MB and the secondment's view stopped changing
            List<Object> history = new ArrayList<>(List.of(registered(SECONDMENT), arrived()));
            for (int day = 1; day <= 100; day++) {
                history.add(new SecondmentExtended(SECONDMENT, END.plusDays(day), END.plusDays(day - 1), "延期"));
            }
            fixture.given(history.subList(0, 101))
                    .when(new ExtendSecondmentCommand(SECONDMENT, null, END.plusDays(100), "延期"))
                    .expectSuccessfulHandlerExecution();
            fixture.given(history)
                    .when(new ExtendSecondmentCommand(SECONDMENT, null, END.plusDays(101), "延期"))
                    .expectNoEvents()
                    .expectException(StateConflictException.class)
                    .expectExceptionMessage(containsString("at most 100 extensions"));
        }

        @Test
        void a_closed_secondment_cannot_be_extended() {
            fixture.given(registered(SECONDMENT), new SecondmentEndedEarly(SECONDMENT, ARRIVED, "召回"))
                    .when(new ExtendSecondmentCommand(SECONDMENT, null, END.plusMonths(6), "项目收尾"))
                    .expectException(StateConflictException.class);
        }
    }

    @Nested
    class Closing {

        @Test
        void completion_closes_the_secondment() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new CompleteSecondmentCommand(SECONDMENT, null, END, null))
                    .expectEvents(new SecondmentCompleted(SECONDMENT, END, null));
        }

        @Test
        void a_completion_before_the_planned_end_closes_the_secondment_on_that_day() {
            LocalDate before = END.minusMonths(2);
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new CompleteSecondmentCommand(SECONDMENT, null, before, null))
                    .expectEvents(new SecondmentCompleted(SECONDMENT, before, null))
                    .expectResultMessagePayload(2L);
        }

        /**
         * The aggregate knows only its own period: whether a later completion would run into another secondment of
         * the same person is decided before the command is sent (SecondmentWrites, OverlapRule).
         */
        @Test
        void a_completion_after_the_planned_end_is_accepted_by_the_secondment_itself() {
            LocalDate after = END.plusMonths(3);
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new CompleteSecondmentCommand(SECONDMENT, null, after, null))
                    .expectEvents(new SecondmentCompleted(SECONDMENT, after, null));
        }

        @Test
        void a_cadre_who_never_arrived_cannot_complete() {
            fixture.given(registered(SECONDMENT))
                    .when(new CompleteSecondmentCommand(SECONDMENT, null, END, null))
                    .expectException(StateConflictException.class);
        }

        @Test
        void a_completion_before_the_arrival_is_refused() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new CompleteSecondmentCommand(SECONDMENT, null, ARRIVED.minusDays(1), null))
                    .expectException(RuleViolatedException.class);
        }

        @Test
        void a_second_completion_is_a_conflict() {
            fixture.given(registered(SECONDMENT), arrived(), new SecondmentCompleted(SECONDMENT, END, null))
                    .when(new CompleteSecondmentCommand(SECONDMENT, null, END, null))
                    .expectException(StateConflictException.class);
        }

        @Test
        void an_early_end_closes_the_secondment() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new EndSecondmentEarlyCommand(SECONDMENT, null, LocalDate.of(2023, 6, 30), " 工作需要 "))
                    .expectEvents(new SecondmentEndedEarly(SECONDMENT, LocalDate.of(2023, 6, 30), "工作需要"));
        }

        @Test
        void an_early_end_needs_a_reason() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new EndSecondmentEarlyCommand(SECONDMENT, null, LocalDate.of(2023, 6, 30), " "))
                    .expectException(RuleViolatedException.class);
        }

        @Test
        void an_early_end_on_or_after_the_planned_end_is_refused() {
            fixture.given(registered(SECONDMENT), arrived())
                    .when(new EndSecondmentEarlyCommand(SECONDMENT, null, END, "到期"))
                    .expectException(RuleViolatedException.class)
                    .expectExceptionMessage(containsString("before the planned end"));
        }

        @Test
        void nothing_changes_a_secondment_that_ended_early() {
            fixture.given(registered(SECONDMENT), arrived(),
                            new SecondmentEndedEarly(SECONDMENT, LocalDate.of(2023, 6, 30), "召回"))
                    .when(new EndSecondmentEarlyCommand(SECONDMENT, null, LocalDate.of(2023, 7, 30), "再次"))
                    .expectException(StateConflictException.class);
        }
    }
}
