package cn.shuangcheng.servicesupport.publication;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/** Payload records shaped like the services' events, and domain event messages carrying them. */
final class TestEvents {

    record InvestmentRecorded(String projectId, YearMonth period, long amountYuan) {
    }

    record ProjectStarted(String projectId, LocalDate startedOn) {
    }

    private TestEvents() {
    }

    static DomainEventMessage<?> investment(String projectId, long sequence, long amountYuan) {
        return domainEvent(projectId, sequence, new InvestmentRecorded(projectId, YearMonth.of(2023, 1), amountYuan),
                MetaData.with(CloudEventMapper.PRINCIPAL, "intake-bot")
                        .and(CloudEventMapper.CORRELATION_ID, "corr-" + projectId + "-" + sequence));
    }

    static DomainEventMessage<?> domainEvent(String aggregateId, long sequence, Object payload,
                                             Map<String, ?> metaData) {
        return new GenericDomainEventMessage<>("CooperationProject", aggregateId, sequence, payload, metaData,
                UUID.randomUUID().toString(), Instant.now());
    }

    static DomainEventMessage<?> domainEvent(String aggregateId, long sequence, Object payload, Map<String, ?> metaData,
                                             String identifier, Instant timestamp) {
        return new GenericDomainEventMessage<>("CooperationProject", aggregateId, sequence, payload, metaData,
                identifier, timestamp);
    }
}
