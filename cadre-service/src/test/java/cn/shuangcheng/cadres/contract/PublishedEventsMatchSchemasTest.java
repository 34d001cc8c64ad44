package cn.shuangcheng.cadres.contract;

import cn.shuangcheng.cadres.erasure.api.CadrePersonalDataErased;
import cn.shuangcheng.cadres.exchange.api.BatchEvents;
import cn.shuangcheng.cadres.exchange.api.CadreArrived;
import cn.shuangcheng.cadres.exchange.api.ContributionCategory;
import cn.shuangcheng.cadres.exchange.api.ContributionRecorded;
import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.api.ExchangeBatchCreated;
import cn.shuangcheng.cadres.exchange.api.Indicator;
import cn.shuangcheng.cadres.exchange.api.SecondmentCompleted;
import cn.shuangcheng.cadres.exchange.api.SecondmentEndedEarly;
import cn.shuangcheng.cadres.exchange.api.SecondmentEvents;
import cn.shuangcheng.cadres.exchange.api.SecondmentExtended;
import cn.shuangcheng.cadres.exchange.api.SecondmentPlaceTaken;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.contracts.EventSchemas;
import cn.shuangcheng.servicesupport.publication.CloudEventMapper;
import io.cloudevents.CloudEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer's side of the contract: every event record cadre-service can emit, serialised exactly as the
 * publisher serialises it, is valid against its published JSON Schema in contracts/schemas/cadre.
 */
class PublishedEventsMatchSchemasTest {

    private static final String B = "3c59dc04-8e6b-3b9c-a1b2-000000000003";
    private static final String S = "f3b1c2d4-0000-4000-8000-000000000009";
    private static final String C = "a0c7e3f1-0000-4000-8000-000000000042";

    private static final List<Object> SAMPLES = List.of(
            new ExchangeBatchCreated(B, 1, 2020, LocalDate.of(2020, 9, 1), 51, 12),
            new SecondmentPlaceTaken(B, S, Direction.CHONGQING_TO_SICHUAN, 1, 51),
            new SecondmentRegistered(S, B, 1, C, Direction.CHONGQING_TO_SICHUAN, "重庆高新区", "CQ-GXQ",
                    "成都高新区经济运行局", "510100", null, LocalDate.of(2020, 9, 1), LocalDate.of(2021, 9, 1)),
            new SecondmentRegistered(S, B, 3, C, Direction.SICHUAN_TO_CHONGQING, "成都市金牛区", "510106",
                    "巴州大健康产业集团", "500113", "挂任副总经理", LocalDate.of(2022, 11, 1), LocalDate.of(2023, 11, 1)),
            new CadreArrived(S, LocalDate.of(2020, 9, 3)),
            new ContributionRecorded(S, "c-1", LocalDate.of(2021, 3, 1), ContributionCategory.PUBLIC_SERVICE,
                    "推动开通川渝跨省公交线路", List.of("p-1", "p-2"),
                    List.of(new Indicator("跨省公交线路", new BigDecimal("2"), "条"),
                            new Indicator("服务", new BigDecimal("140000"), "人次"),
                            new Indicator("融资", new BigDecimal("1.5"), "亿元"))),
            new ContributionRecorded(S, "c-2", LocalDate.of(2021, 3, 1), ContributionCategory.CONSUMPTION,
                    "消费季", List.of(), List.of()),
            new SecondmentExtended(S, LocalDate.of(2022, 3, 1), LocalDate.of(2021, 9, 1), "项目收尾"),
            new SecondmentCompleted(S, LocalDate.of(2022, 3, 1), null),
            new SecondmentCompleted(S, LocalDate.of(2022, 3, 1), "按期完成"),
            new SecondmentEndedEarly(S, LocalDate.of(2021, 6, 30), "工作需要"),
            new CadrePersonalDataErased(C, "joint-office-personnel", Instant.parse("2026-12-03T22:37:09.123456Z")));

    private final CloudEventMapper mapper = new CloudEventMapper("cadre-service", "cadre");

    @Test
    void every_event_type_has_a_sample() {
        List<Class<?>> emitted = Stream.concat(Stream.concat(Arrays.stream(BatchEvents.class.getPermittedSubclasses()),
                Arrays.stream(SecondmentEvents.class.getPermittedSubclasses())),
                Stream.of(CadrePersonalDataErased.class)).toList();
        assertThat(SAMPLES.stream().map(Object::getClass).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(emitted);
    }

    @Test
    void every_published_event_is_valid_against_its_schema() {
        long sequence = 0;
        for (Object payload : SAMPLES) {
            CloudEvent event = mapper.toCloudEvent(new GenericDomainEventMessage<>("Aggregate", S, sequence++, payload));
            assertThat(event.getType()).isEqualTo("shuangcheng.cadre." + payload.getClass().getSimpleName() + ".v1");
            assertThat(EventSchemas.standard().validate(event.getDataSchema().toString(), event.getData().toBytes()))
                    .as("%s: %s", payload.getClass().getSimpleName(), new String(event.getData().toBytes()))
                    .isEmpty();
        }
    }

    @Test
    void a_schema_refuses_an_unknown_category() {
        CloudEvent event = mapper.toCloudEvent(new GenericDomainEventMessage<>("Aggregate", S, 0,
                new ContributionRecorded(S, "c-1", LocalDate.of(2021, 3, 1), ContributionCategory.FINANCE, "融资",
                        List.of(), List.of())));
        String tampered = new String(event.getData().toBytes()).replace("FINANCE", "LOTTERY");
        assertThat(EventSchemas.standard().validate(event.getDataSchema().toString(), tampered)).isNotEmpty();
    }
}
