package cn.shuangcheng.projects.agenda.domain;

import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.CreateAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.DeliverAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.DropAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.ReportAgendaProgressCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.VerifyAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCreated;
import cn.shuangcheng.projects.agenda.api.AgendaItemDelivered;
import cn.shuangcheng.projects.agenda.api.AgendaItemDropped;
import cn.shuangcheng.projects.agenda.api.AgendaItemProgressed;
import cn.shuangcheng.projects.agenda.api.AgendaItemVerified;
import cn.shuangcheng.projects.agenda.api.AgendaList;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

/** The closed loop of a three-lists item, one rule per test. */
class AgendaItemTest {

    private static final String ID = "item-1";
    private static final List<String> OWNERS = List.of("重庆市交通局", "四川省交通运输厅");

    private FixtureConfiguration<AgendaItem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AgendaItem.class);
    }

    private static CreateAgendaItemCommand policyNeed() {
        return new CreateAgendaItemCommand(ID, AgendaList.POLICY_NEED, "跨省公交线路审批与运营补贴衔接需求",
                "联席会议", OWNERS, LocalDate.of(2023, 6, 30), List.of(), null);
    }

    private static AgendaItemCreated created() {
        CreateAgendaItemCommand c = policyNeed();
        return new AgendaItemCreated(ID, c.list(), c.title(), c.source(), OWNERS, c.dueOn(), List.of(), null);
    }

    @Test
    void an_item_is_opened_on_one_of_the_three_lists() {
        fixture.givenNoPriorActivity()
                .when(policyNeed())
                .expectEvents(created())
                .expectResultMessagePayload(0L);
    }

    @Test
    void an_item_from_another_register_keeps_its_reference_in_the_event() {
        CreateAgendaItemCommand c = policyNeed();
        fixture.givenNoPriorActivity()
                .when(new CreateAgendaItemCommand(ID, c.list(), c.title(), c.source(), OWNERS, c.dueOn(), null,
                        "  TL-2023-001 "))
                .expectEvents(new AgendaItemCreated(ID, c.list(), c.title(), c.source(), OWNERS, c.dueOn(), List.of(),
                        "TL-2023-001"))
                .expectResultMessagePayload(0L);
    }

    @Test
    void a_blank_reference_is_no_reference() {
        CreateAgendaItemCommand c = policyNeed();
        fixture.givenNoPriorActivity()
                .when(new CreateAgendaItemCommand(ID, c.list(), c.title(), c.source(), OWNERS, c.dueOn(), List.of(),
                        " "))
                .expectEvents(created());
    }

    @Test
    void an_item_needs_an_owner_unit() {
        CreateAgendaItemCommand c = policyNeed();
        fixture.givenNoPriorActivity()
                .when(new CreateAgendaItemCommand(ID, c.list(), c.title(), null, List.of(), null, null, null))
                .expectException(RuleViolatedException.class)
                .expectNoEvents();
    }

    @Test
    void an_item_needs_its_list() {
        CreateAgendaItemCommand c = policyNeed();
        fixture.givenNoPriorActivity()
                .when(new CreateAgendaItemCommand(ID, null, c.title(), null, OWNERS, null, null, null))
                .expectException(RuleViolatedException.class)
                .expectNoEvents();
    }

    @Test
    void progress_is_reported_more_than_once() {
        fixture.given(created(), new AgendaItemProgressed(ID, "转两省市交通部门"))
                .when(new ReportAgendaProgressCommand(ID, null, "办理反馈"))
                .expectEvents(new AgendaItemProgressed(ID, "办理反馈"));
    }

    /** Its client's answer was lost, so it sends the report again under the same request id. */
    @Test
    void the_same_progress_sent_again_answers_its_first_version_and_records_nothing() {
        fixture.given(created())
                .andGivenCommands(new ReportAgendaProgressCommand(ID, null, "转两省市交通部门", "request-1"))
                .when(new ReportAgendaProgressCommand(ID, 0L, "转两省市交通部门", "request-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void another_progress_under_the_same_request_id_is_refused() {
        fixture.given(created())
                .andGivenCommands(new ReportAgendaProgressCommand(ID, null, "转两省市交通部门", "request-1"))
                .when(new ReportAgendaProgressCommand(ID, null, "办理反馈", "request-1"))
                .expectException(RuleViolatedException.class)
                .expectNoEvents();
    }

    @Test
    void progress_needs_a_note() {
        fixture.given(created())
                .when(new ReportAgendaProgressCommand(ID, null, " "))
                .expectException(RuleViolatedException.class)
                .expectNoEvents();
    }

    @Test
    void a_delivered_item_is_verified() {
        fixture.given(created(), new AgendaItemDelivered(ID, "线路开通"))
                .when(new VerifyAgendaItemCommand(ID, null, "销号"))
                .expectEvents(new AgendaItemVerified(ID, "销号"));
    }

    @Test
    void only_a_delivered_item_is_verified() {
        fixture.given(created(), new AgendaItemProgressed(ID, "办理中"))
                .when(new VerifyAgendaItemCommand(ID, null, "销号"))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void an_open_item_is_delivered_directly() {
        fixture.given(created())
                .when(new DeliverAgendaItemCommand(ID, null, "已办结"))
                .expectEvents(new AgendaItemDelivered(ID, "已办结"));
    }

    @Test
    void an_item_is_dropped_before_verification() {
        fixture.given(created(), new AgendaItemDelivered(ID, "已办结"))
                .when(new DropAgendaItemCommand(ID, null, "需求已由国家政策覆盖"))
                .expectEvents(new AgendaItemDropped(ID, "需求已由国家政策覆盖"));
    }

    @Test
    void a_verified_item_is_closed_for_good() {
        fixture.given(created(), new AgendaItemDelivered(ID, "已办结"), new AgendaItemVerified(ID, "销号"))
                .when(new DropAgendaItemCommand(ID, null, "撤回"))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }

    @Test
    void a_dropped_item_takes_no_more_progress() {
        fixture.given(created(), new AgendaItemDropped(ID, "撤回"))
                .when(new ReportAgendaProgressCommand(ID, null, "继续办理"))
                .expectException(StateConflictException.class)
                .expectNoEvents();
    }
}
