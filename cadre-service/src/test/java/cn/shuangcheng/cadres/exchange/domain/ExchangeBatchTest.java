package cn.shuangcheng.cadres.exchange.domain;

import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.api.ExchangeBatchCreated;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.CreateExchangeBatchCommand;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.servicesupport.eventstore.EventStoreProperties;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.BATCH;
import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.CADRE;
import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.DISPATCHED;
import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.END;
import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.SECONDMENT;
import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.batchCreated;
import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.placeTaken;
import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.registered;
import static cn.shuangcheng.cadres.exchange.domain.ExchangeFacts.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** The rules of a batch: its settings, the sides of a direction, and the quota per direction. */
class ExchangeBatchTest {

    private FixtureConfiguration<ExchangeBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ExchangeBatch.class);
    }

    @Test
    void a_batch_is_created_with_its_quota_and_term() {
        fixture.givenNoPriorActivity()
                .when(new CreateExchangeBatchCommand(BATCH, 1, 2020, LocalDate.of(2020, 9, 1), 51, 12))
                .expectEvents(new ExchangeBatchCreated(BATCH, 1, 2020, LocalDate.of(2020, 9, 1), 51, 12))
                .expectResultMessagePayload(0L);
    }

    @Test
    void a_full_batch_holds_no_more_changes_than_the_event_store_allows_one_aggregate() {
        // created, then one place taken per secondment in either direction: the last place of a batch of the largest
        // quota must not be refused by shuangcheng.eventstore.max-events-per-aggregate (EventsPerAggregateLimit)
        assertThat(1 + 2L * ExchangeBatch.MAX_QUOTA)
                .isLessThanOrEqualTo(EventStoreProperties.DEFAULT_MAX_EVENTS_PER_AGGREGATE);
    }

    @Test
    void a_quota_of_zero_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateExchangeBatchCommand(BATCH, 1, 2020, DISPATCHED, 0, 12))
                .expectException(RuleViolatedException.class)
                .expectNoEvents();
    }

    @Test
    void a_term_of_zero_months_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateExchangeBatchCommand(BATCH, 1, 2020, DISPATCHED, 50, 0))
                .expectException(RuleViolatedException.class);
    }

    @Test
    void a_registration_takes_a_place_first_and_then_creates_the_secondment() {
        fixture.given(batchCreated(50))
                .when(registration(SECONDMENT, END))
                .expectEvents(placeTaken(SECONDMENT, Direction.SICHUAN_TO_CHONGQING, 1, 50), registered(SECONDMENT))
                .expectResultMessagePayload(0L);
    }

    @Test
    void without_an_end_the_secondment_runs_for_the_batchs_term() {
        fixture.given(batchCreated(50))
                .when(registration(SECONDMENT, null))
                .expectEvents(placeTaken(SECONDMENT, Direction.SICHUAN_TO_CHONGQING, 1, 50), registered(SECONDMENT));
    }

    @Test
    void a_home_region_on_the_receiving_side_is_refused() {
        fixture.given(batchCreated(50))
                .when(registration(Direction.SICHUAN_TO_CHONGQING, "500113", "500113"))
                .expectException(RuleViolatedException.class)
                .expectExceptionMessage(containsString("home region must be on the sending side"))
                .expectNoEvents();
    }

    @Test
    void a_host_region_on_the_sending_side_is_refused() {
        fixture.given(batchCreated(50))
                .when(registration(Direction.CHONGQING_TO_SICHUAN, "500113", "500113"))
                .expectException(RuleViolatedException.class)
                .expectExceptionMessage(containsString("host region must be on the receiving side"))
                .expectNoEvents();
    }

    @Test
    void a_functional_zone_counts_on_the_side_of_its_parent() {
        // 重庆高新区 has no code of its own; CQ-GXQ is in the region table on the Chongqing side
        fixture.given(batchCreated(50))
                .when(registration(Direction.CHONGQING_TO_SICHUAN, "CQ-GXQ", "510100"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void an_unknown_region_code_is_refused() {
        fixture.given(batchCreated(50))
                .when(registration(Direction.SICHUAN_TO_CHONGQING, "519999", "500113"))
                .expectException(RuleViolatedException.class)
                .expectExceptionMessage(containsString("unknown region code 519999"));
    }

    @Test
    void an_end_not_after_the_start_is_refused() {
        fixture.given(batchCreated(50))
                .when(registration(SECONDMENT, DISPATCHED))
                .expectException(RuleViolatedException.class)
                .expectExceptionMessage(containsString("must be after the start"));
    }

    @Test
    void a_start_before_the_batch_was_dispatched_is_refused() {
        fixture.given(batchCreated(50))
                .when(new cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RegisterSecondmentCommand(BATCH,
                        SECONDMENT, CADRE, Direction.SICHUAN_TO_CHONGQING, "成都市金牛区", "510106", "巴南区", "500113",
                        null, DISPATCHED.minusDays(1), null))
                .expectException(RuleViolatedException.class)
                .expectExceptionMessage(containsString("before batch 3 was dispatched"));
    }

    @Test
    void the_last_place_of_a_direction_is_given() {
        fixture.given(batchCreated(2), placeTaken("s-a", Direction.SICHUAN_TO_CHONGQING, 1, 2))
                .when(registration(SECONDMENT, END))
                .expectEvents(placeTaken(SECONDMENT, Direction.SICHUAN_TO_CHONGQING, 2, 2), registered(SECONDMENT));
    }

    @Test
    void a_registration_sent_again_for_a_secondment_holding_a_place_takes_no_second_place() {
        // the first append failed ambiguously yet stored the place: the sender completes the secondment instead
        fixture.given(batchCreated(50), placeTaken(SECONDMENT, Direction.SICHUAN_TO_CHONGQING, 1, 50))
                .when(registration(SECONDMENT, END))
                .expectNoEvents()
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(containsString("already holds a place"));
    }

    @Test
    void the_quota_of_a_direction_is_never_exceeded() {
        fixture.given(batchCreated(2), placeTaken("s-a", Direction.SICHUAN_TO_CHONGQING, 1, 2),
                        placeTaken("s-b", Direction.SICHUAN_TO_CHONGQING, 2, 2))
                .when(registration(SECONDMENT, END))
                .expectException(StateConflictException.class)
                .expectExceptionMessage(containsString("no place left for SICHUAN_TO_CHONGQING"))
                .expectNoEvents();
    }

    @Test
    void a_full_direction_leaves_the_other_direction_open() {
        fixture.given(batchCreated(1), placeTaken("s-a", Direction.SICHUAN_TO_CHONGQING, 1, 1))
                .when(registration(Direction.CHONGQING_TO_SICHUAN, "500113", "510106"))
                .expectEvents(placeTaken(SECONDMENT, Direction.CHONGQING_TO_SICHUAN, 1, 1),
                        new SecondmentRegistered(SECONDMENT, BATCH, 3, CADRE, Direction.CHONGQING_TO_SICHUAN, "派出单位",
                                "500113", "接收单位", "510106", null, DISPATCHED, END));
    }
}
