package cn.shuangcheng.cadres.exchange.registration;

import cn.shuangcheng.cadres.exchange.api.SecondmentCompleted;
import cn.shuangcheng.cadres.exchange.api.SecondmentEndedEarly;
import cn.shuangcheng.cadres.exchange.api.SecondmentExtended;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A secondment's current period, read from the event store: the truth, not the read model, which lags. Read by the
 * {@link OverlapRule} after the person's reserved periods, so that every change of the person's periods is either
 * stored, failed or still reserved.
 */
@Component
class SecondmentPeriods {

    private final EventStore eventStore;

    SecondmentPeriods(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Empty when no such secondment was stored (e.g. its registration failed after the registry noted it). */
    Optional<Period> of(String secondmentId) {
        Period period = null;
        DomainEventStream events = eventStore.readEvents(secondmentId);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Object payload = event.getPayload();
            if (payload instanceof SecondmentRegistered registered) {
                period = new Period(secondmentId, registered.startOn(), registered.endOn());
            } else if (period != null && payload instanceof SecondmentExtended extended) {
                period = new Period(secondmentId, period.startOn(), extended.endOn());
            } else if (period != null && payload instanceof SecondmentCompleted completed) {
                period = new Period(secondmentId, period.startOn(), completed.completedOn());
            } else if (period != null && payload instanceof SecondmentEndedEarly ended) {
                period = new Period(secondmentId, period.startOn(), ended.endedOn());
            }
        }
        return Optional.ofNullable(period);
    }
}
