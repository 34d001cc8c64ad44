package cn.shuangcheng.cadres.exchange.registration;

import cn.shuangcheng.cadres.exchange.api.ExchangeBatchCreated;
import cn.shuangcheng.kernel.NaturalKeyIds;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Batches by number. The API names a batch by its {@code number}; its aggregate id is derived from the number (a
 * name-based UUID), so two concurrent creations of batch N collide on the event store's unique index and only one is
 * stored — no lookup table to keep in step.
 */
@Component
public class BatchDirectory {

    /** What a registration needs to know of its batch before sending the command. */
    public record BatchFacts(String batchId, int number, int year, LocalDate dispatchedOn, int quotaPerDirection,
                             int termMonths) {
    }

    private final EventStore eventStore;

    BatchDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public static String idOf(int number) {
        return NaturalKeyIds.of("cadre-batch", Integer.toString(number));
    }

    public Optional<BatchFacts> find(int number) {
        String batchId = idOf(number);
        DomainEventStream events = eventStore.readEvents(batchId);
        if (events.hasNext() && events.next().getPayload() instanceof ExchangeBatchCreated created) {
            return Optional.of(new BatchFacts(batchId, created.number(), created.year(), created.dispatchedOn(),
                    created.quotaPerDirection(), created.termMonths()));
        }
        return Optional.empty();
    }

    public boolean exists(int number) {
        return eventStore.lastSequenceNumberFor(idOf(number)).isPresent();
    }
}
