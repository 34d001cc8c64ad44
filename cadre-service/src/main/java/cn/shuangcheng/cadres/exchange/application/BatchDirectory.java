package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.domain.DecidedBatch;
import cn.shuangcheng.cadres.exchange.domain.ExchangeBatch;
import cn.shuangcheng.kernel.NaturalKeyIds;
import cn.shuangcheng.servicesupport.eventstore.AggregateReads;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
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
public record BatchDirectory(EventStore eventStore, Configuration axon) {

    /** What a registration needs to know of its batch before sending the command. */
    public record BatchFacts(String batchId, int number, int year, LocalDate dispatchedOn, int quotaPerDirection,
                             int termMonths) {
    }

    public static String idOf(int number) {
        return NaturalKeyIds.of("cadre-batch", Integer.toString(number));
    }

    /** The batch as the aggregate decided it (the truth, not the read model); empty for a number never created. */
    public Optional<BatchFacts> find(int number) {
        try {
            DecidedBatch batch = AggregateReads.read(axon.repository(ExchangeBatch.class), idOf(number),
                    ExchangeBatch::decided).answer();
            return Optional.of(new BatchFacts(batch.batchId(), batch.number(), batch.year(), batch.dispatchedOn(),
                    batch.quotaPerDirection(), batch.termMonths()));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    public boolean exists(int number) {
        return eventStore.lastSequenceNumberFor(idOf(number)).isPresent();
    }
}
