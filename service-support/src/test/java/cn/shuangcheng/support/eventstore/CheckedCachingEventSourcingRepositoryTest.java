package cn.shuangcheng.support.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Callable;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The aggregate cache must never hand out an aggregate that misses events: two service instances, each with its own
 * engine and cache, on one database.
 */
class CheckedCachingEventSourcingRepositoryTest {

    record TallyOpened(String tallyId) {
    }

    record Added(String tallyId, long amount) {
    }

    /** Just enough of an aggregate to see which events a repository has applied. */
    static class Tally {

        @AggregateIdentifier
        private String tallyId;
        private long total;

        Tally() {
        }

        Tally(String tallyId) {
            apply(new TallyOpened(tallyId));
        }

        void add(long amount) {
            apply(new Added(tallyId, amount));
        }

        @EventSourcingHandler
        void on(TallyOpened event) {
            tallyId = event.tallyId();
        }

        @EventSourcingHandler
        void on(Added event) {
            total += event.amount();
        }
    }

    private CheckedCachingEventSourcingRepository<Tally> instanceA;
    private CheckedCachingEventSourcingRepository<Tally> instanceB;

    @BeforeEach
    void twoInstancesOnOneDatabase() {
        MongoDatabase database = EventStoreTestSupport.freshDatabase("cache");
        instanceA = repositoryOn(database);
        instanceB = repositoryOn(database);
    }

    private static CheckedCachingEventSourcingRepository<Tally> repositoryOn(MongoDatabase database) {
        SequencedMongoEventStorageEngine engine = EventStoreTestSupport.engineOn(database).build();
        return new CheckedCachingEventSourcingRepository<>(
                EventSourcingRepository.builder(Tally.class)
                                       .eventStore(EmbeddedEventStore.builder().storageEngine(engine).build()),
                new BoundedAggregateCache(100), engine);
    }

    @Test
    void an_aggregate_changed_by_another_instance_since_it_was_cached_is_replayed_before_use() {
        inUnitOfWork(() -> instanceA.newInstance(() -> new Tally("t-1")));
        runInUnitOfWork(() -> instanceA.load("t-1").execute(tally -> tally.add(5)));
        runInUnitOfWork(() -> instanceB.load("t-1").execute(tally -> tally.add(7)));

        runInUnitOfWork(() -> instanceA.load("t-1").execute(tally -> tally.add(1)));

        Tally seenByA = inUnitOfWork(() -> instanceA.load("t-1").invoke(Function.identity()));
        assertThat(seenByA.total).isEqualTo(13);
        assertThat(inUnitOfWork(() -> instanceA.load("t-1").version())).isEqualTo(3L);
    }

    @Test
    void an_aggregate_nobody_changed_since_it_was_cached_is_used_as_it_is() {
        inUnitOfWork(() -> instanceA.newInstance(() -> new Tally("t-2")));
        Tally first = inUnitOfWork(() -> instanceA.load("t-2").invoke(Function.identity()));
        runInUnitOfWork(() -> instanceA.load("t-2").execute(tally -> tally.add(5)));

        Tally second = inUnitOfWork(() -> instanceA.load("t-2").invoke(Function.identity()));

        assertThat(second).isSameAs(first);
        assertThat(second.total).isEqualTo(5);
    }

    @Test
    void an_identifier_without_events_is_not_found() {
        assertThatThrownBy(() -> inUnitOfWork(() -> instanceA.load("no-such-tally")))
                .isInstanceOf(AggregateNotFoundException.class);
    }

    private static void runInUnitOfWork(Runnable work) {
        inUnitOfWork(() -> {
            work.run();
            return null;
        });
    }

    private static <R> R inUnitOfWork(Callable<R> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            R result = work.call();
            unitOfWork.commit();
            return result;
        } catch (Exception e) {
            unitOfWork.rollback(e);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }
}
