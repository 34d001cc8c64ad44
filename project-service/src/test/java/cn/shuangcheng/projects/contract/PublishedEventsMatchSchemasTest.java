package cn.shuangcheng.projects.contract;

import cn.shuangcheng.contracts.EventSchemas;
import cn.shuangcheng.projects.agenda.api.AgendaItemCreated;
import cn.shuangcheng.projects.agenda.api.AgendaItemDelivered;
import cn.shuangcheng.projects.agenda.api.AgendaItemDropped;
import cn.shuangcheng.projects.agenda.api.AgendaItemEvents;
import cn.shuangcheng.projects.agenda.api.AgendaItemProgressed;
import cn.shuangcheng.projects.agenda.api.AgendaItemVerified;
import cn.shuangcheng.projects.agenda.api.AgendaList;
import cn.shuangcheng.projects.cooperation.api.AnnualPlanSet;
import cn.shuangcheng.projects.cooperation.api.InvestmentCorrected;
import cn.shuangcheng.projects.cooperation.api.InvestmentRecorded;
import cn.shuangcheng.projects.cooperation.api.MilestoneReached;
import cn.shuangcheng.projects.cooperation.api.Platform;
import cn.shuangcheng.projects.cooperation.api.ProjectCancelled;
import cn.shuangcheng.projects.cooperation.api.ProjectCompleted;
import cn.shuangcheng.projects.cooperation.api.ProjectEvents;
import cn.shuangcheng.projects.cooperation.api.ProjectListed;
import cn.shuangcheng.projects.cooperation.api.ProjectProposed;
import cn.shuangcheng.projects.cooperation.api.ProjectResumed;
import cn.shuangcheng.projects.cooperation.api.ProjectStarted;
import cn.shuangcheng.projects.cooperation.api.ProjectSuspended;
import cn.shuangcheng.projects.cooperation.api.Sector;
import cn.shuangcheng.servicesupport.publication.CloudEventMapper;
import io.cloudevents.CloudEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer's side of the contract: every event record project-service can emit, serialised exactly as
 * the publisher serialises it, is valid against its published JSON Schema. A new event without a schema,
 * or a renamed field, fails here before a partner's consumer fails in production.
 */
class PublishedEventsMatchSchemasTest {

    private static final String P = "f3b1c2d4-0000-4000-8000-000000000001";
    private static final String A = "f3b1c2d4-0000-4000-8000-000000000002";

    /** One sample of each event, with optional fields both set and left out where that matters. */
    private static final List<Object> SAMPLES = List.of(
            new ProjectProposed(P, "CY-2023-001", "成渝中线高铁", Sector.INFRASTRUCTURE, Platform.GAOZHU,
                    List.of("510100", "500112", "CQ-GXQ"), List.of("四川省发展改革委"), 69_273_000_000L, "说明",
                    6_000_000_000L, YearMonth.of(2022, 12)),
            new ProjectProposed(P, null, "无平台项目", Sector.ECOLOGY, null, List.of("500000"), List.of(), 1L, null,
                    null, null),
            new ProjectListed(P, 2023),
            new AnnualPlanSet(P, 2023, 8_000_000_000L),
            new AnnualPlanSet(P, 2024, 0L),
            new ProjectStarted(P, LocalDate.of(2022, 11, 28)),
            new MilestoneReached(P, "全线首座隧道贯通", LocalDate.of(2024, 6, 1), null),
            new InvestmentRecorded(P, YearMonth.of(2023, 1), 473_780_000L),
            new InvestmentCorrected(P, YearMonth.of(2023, 1), 0L, 473_780_000L, "重复填报"),
            new ProjectCompleted(P, LocalDate.of(2023, 11, 30)),
            new ProjectSuspended(P, "汛期停工"),
            new ProjectResumed(P, "复工"),
            new ProjectCancelled(P, "调出清单"),
            new AgendaItemCreated(A, AgendaList.AGREED_MATTER, "共建川渝高竹新区", "联席会议", List.of("广安市人民政府"),
                    LocalDate.of(2023, 12, 31), List.of(P), "TL-2023-019"),
            new AgendaItemCreated(A, AgendaList.WORK_RESULT, "成果", null, List.of("联合办公室"), null, List.of(), null),
            new AgendaItemProgressed(A, "推进中"),
            new AgendaItemDelivered(A, "已办结"),
            new AgendaItemVerified(A, "销号"),
            new AgendaItemDropped(A, "撤回"));

    private final CloudEventMapper mapper = new CloudEventMapper("project-service", "project");

    @Test
    void every_event_type_has_a_sample() {
        List<Class<?>> emitted = Stream.concat(Arrays.stream(ProjectEvents.class.getPermittedSubclasses()),
                Arrays.stream(AgendaItemEvents.class.getPermittedSubclasses())).toList();
        assertThat(SAMPLES.stream().map(Object::getClass).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(emitted);
    }

    @Test
    void every_published_event_is_valid_against_its_schema() {
        long sequence = 0;
        for (Object payload : SAMPLES) {
            CloudEvent event = mapper.toCloudEvent(
                    new GenericDomainEventMessage<>("Aggregate", P, sequence++, payload));
            assertThat(event.getDataSchema()).as(payload.getClass().getSimpleName()).isNotNull();
            assertThat(EventSchemas.standard().validate(event.getDataSchema().toString(), event.getData().toBytes()))
                    .as("%s: %s", payload.getClass().getSimpleName(), new String(event.getData().toBytes()))
                    .isEmpty();
        }
    }
}
