package cn.shuangcheng.servicesupport.eventstore;

import cn.shuangcheng.servicesupport.eventstore.TestAccount.OpenAccount;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Callable;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The aggregate cache must never hand out an aggregate that misses events: two service instances, each with its own
 * engine and cache, on one database.
 */
class CheckedCachingEventSourcingRepositoryTest {

    private CheckedCachingEventSourcingRepository<TestAccount> instanceA;
    private CheckedCachingEventSourcingRepository<TestAccount> instanceB;

    @BeforeEach
    void twoInstancesOnOneDatabase() {
        MongoDatabase database = EventStoreTestSupport.freshDatabase("cache");
        instanceA = repositoryOn(database);
        instanceB = repositoryOn(database);
    }

    private static CheckedCachingEventSourcingRepository<TestAccount> repositoryOn(MongoDatabase database) {
        SequencedMongoEventStorageEngine engine = EventStoreTestSupport.engineOn(database).build();
        return new CheckedCachingEventSourcingRepository<>(
                EventSourcingRepository.builder(TestAccount.class)
                                       .eventStore(EmbeddedEventStore.builder().storageEngine(engine).build()),
                new BoundedAggregateCache(100), engine);
    }

    @Test
    void an_aggregate_changed_by_another_instance_since_it_was_cached_is_replayed_before_use() {
        inUnitOfWork(() -> instanceA.newInstance(() -> new TestAccount(new OpenAccount("t-1"))));
        runInUnitOfWork(() -> instanceA.load("t-1").execute(account -> account.deposit(5)));
        runInUnitOfWork(() -> instanceB.load("t-1").execute(account -> account.deposit(7)));

        runInUnitOfWork(() -> instanceA.load("t-1").execute(account -> account.deposit(1)));

        TestAccount seenByA = inUnitOfWork(() -> instanceA.load("t-1").invoke(Function.identity()));
        assertThat(seenByA.balanceYuan()).isEqualTo(13);
        assertThat(inUnitOfWork(() -> instanceA.load("t-1").version())).isEqualTo(3L);
    }

    @Test
    void an_aggregate_nobody_changed_since_it_was_cached_is_used_as_it_is() {
        inUnitOfWork(() -> instanceA.newInstance(() -> new TestAccount(new OpenAccount("t-2"))));
        TestAccount first = inUnitOfWork(() -> instanceA.load("t-2").invoke(Function.identity()));
        runInUnitOfWork(() -> instanceA.load("t-2").execute(account -> account.deposit(5)));

        TestAccount second = inUnitOfWork(() -> instanceA.load("t-2").invoke(Function.identity()));

        assertThat(second).isSameAs(first);
        assertThat(second.balanceYuan()).isEqualTo(5);
    }

    @Test
    void the_cache_is_bounded_by_the_events_its_aggregates_hold_not_by_their_number() {
        assertThat(AggregateWeight.readsVersions()).as("Axon's AggregateCacheEntry still keeps its version").isTrue();
        MongoDatabase database = EventStoreTestSupport.freshDatabase("weight");
        SequencedMongoEventStorageEngine engine = EventStoreTestSupport.engineOn(database).build();
        BoundedAggregateCache cache = new BoundedAggregateCache(50);
        CheckedCachingEventSourcingRepository<TestAccount> repository = new CheckedCachingEventSourcingRepository<>(
                EventSourcingRepository.builder(TestAccount.class)
                        .eventStore(EmbeddedEventStore.builder().storageEngine(engine).build()), cache, engine);
        inUnitOfWork(() -> repository.newInstance(() -> new TestAccount(new OpenAccount("small-1"))));
        inUnitOfWork(() -> repository.newInstance(() -> new TestAccount(new OpenAccount("small-2"))));
        assertThat(cache.size()).isEqualTo(2);

        inUnitOfWork(() -> repository.newInstance(() -> new TestAccount(new OpenAccount("big"))));
        for (int i = 0; i < 60; i++) {
            runInUnitOfWork(() -> repository.load("big").execute(account -> account.deposit(1)));
        }

        // 61 events weigh more than the whole cache may hold: it is not kept (a count bound of 50 would keep it),
        // and it is still served, from the store
        cache.size();
        assertThat(cache.containsKey("big")).isFalse();
        assertThat(inUnitOfWork(() -> repository.load("big").invoke(Function.identity())).balanceYuan()).isEqualTo(60);
        inUnitOfWork(() -> repository.newInstance(() -> new TestAccount(new OpenAccount("small-3"))));
        assertThat(cache.containsKey("small-3")).isTrue();
    }

    @Test
    void an_identifier_without_events_is_not_found() {
        assertThatThrownBy(() -> inUnitOfWork(() -> instanceA.load("no-such-account")))
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
