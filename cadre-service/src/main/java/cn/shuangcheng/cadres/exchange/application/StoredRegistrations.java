package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.api.SecondmentPlaceTaken;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What the event store, the truth, holds of a registration: the secondment itself, and its place in the batch (taken
 * first; a live registration whose secondment was not stored after its place completes it by a restore).
 */
@Component
record StoredRegistrations(EventStore eventStore) {

    boolean secondmentStored(String secondmentId) {
        return eventStore.lastSequenceNumberFor(secondmentId).isPresent();
    }

    /** The registration that created the secondment: its first event (read from the first, past any snapshot). */
    Optional<SecondmentRegistered> registration(String secondmentId) {
        DomainEventStream events = eventStore.readEvents(secondmentId, 0L);
        if (events.hasNext() && events.next().getPayload() instanceof SecondmentRegistered registered) {
            return Optional.of(registered);
        }
        return Optional.empty();
    }

    boolean placeStored(String batchId, String secondmentId) {
        DomainEventStream events = eventStore.readEvents(batchId, 0L);
        while (events.hasNext()) {
            if (events.next().getPayload() instanceof SecondmentPlaceTaken place
                    && place.secondmentId().equals(secondmentId)) {
                return true;
            }
        }
        return false;
    }

    /** Either is stored: the registration happened (or is completed by a restore), and its person stays. */
    boolean anythingStored(String batchId, String secondmentId) {
        return secondmentStored(secondmentId) || placeStored(batchId, secondmentId);
    }
}
