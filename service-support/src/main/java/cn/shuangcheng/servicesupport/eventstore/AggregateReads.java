package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.function.Function;

/**
 * Read-your-writes on the write side: an aggregate is loaded through the repository its commands use (with
 * {@link CheckedCachingEventSourcingRepository}, checked against the store first, so a write through another instance
 * is seen) and answers the question itself. The unit of work only reads: it stores nothing, and it is committed rather
 * than rolled back so that the loaded aggregate stays cached for the next command.
 */
public final class AggregateReads {

    private AggregateReads() {
    }

    /** What an aggregate answered, with its version (the sequence of its last event: the ETag). */
    public record Versioned<R>(R answer, long version) {
    }

    /**
     * Loads the aggregate and asks it; {@link AggregateNotFoundException} when there is none of this type with the id:
     * nothing stored under it, the id is another aggregate type's, or the aggregate answers null.
     */
    public static <T, R> Versioned<R> read(Repository<T> repository, String id, Function<T, R> question) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            Aggregate<T> aggregate = repository.load(id);
            R answer = aggregate.invoke(question);
            Long version = aggregate.version();
            unitOfWork.commit();
            if (answer == null || version == null) {
                throw new AggregateNotFoundException(id, "nothing of this type has the id");
            }
            return new Versioned<>(answer, version);
        } catch (IncompatibleAggregateException e) {
            // another type's events under this id: they cannot rebuild this type
            throw new AggregateNotFoundException(id, "the id is another aggregate type's");
        } finally {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback();
            }
        }
    }
}
