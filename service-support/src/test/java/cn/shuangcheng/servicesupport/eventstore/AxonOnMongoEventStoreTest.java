package cn.shuangcheng.servicesupport.eventstore;

import cn.shuangcheng.servicesupport.eventstore.TestAccount.AccountOpened;
import cn.shuangcheng.servicesupport.eventstore.TestAccount.Deposit;
import cn.shuangcheng.servicesupport.eventstore.TestAccount.Deposited;
import cn.shuangcheng.servicesupport.eventstore.TestAccount.OpenAccount;

import com.mongodb.client.MongoDatabase;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;

import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The engine under plain Axon (Configurer, no Spring): event-sourced aggregate, optimistic lock, tracking processor. */
class AxonOnMongoEventStoreTest {

    @ProcessingGroup("ledger")
    static class Ledger {
        final List<String> entries = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(Deposited event, @SequenceNumber long sequence) {
            entries.add(event.accountId() + "@" + sequence + ":" + event.amountYuan());
        }
    }

    private final Ledger ledger = new Ledger();
    private MongoDatabase database;
    private Configuration axon;

    @BeforeEach
    void startAxon() {
        database = EventStoreTestSupport.freshDatabase("axon");
        Serializer serializer = AxonJsonSerializers.jacksonSerializer();
        SequencedMongoEventStorageEngine engine = EventStoreTestSupport.engineOn(database).build();
        MongoTokenStore tokenStore = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database)
                                                   .trackingTokensCollectionName("trackingtokens").build())
                .serializer(serializer)
                .build();
        axon = DefaultConfigurer.defaultConfiguration()
                                .configureSerializer(c -> serializer)
                                .configureEmbeddedEventStore(c -> engine)
                                .configureAggregate(TestAccount.class)
                                .eventProcessing(processing -> processing
                                        .registerTrackingEventProcessor("ledger")
                                        .registerTokenStore(c -> tokenStore)
                                        .registerEventHandler(c -> ledger))
                                .buildConfiguration();
        axon.start();
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
    }

    @Test
    void anEventSourcedAggregateIsSavedLoadedAndTracked() {
        axon.commandGateway().sendAndWait(new OpenAccount("acct-1"));
        axon.commandGateway().sendAndWait(new Deposit("acct-1", 100));
        axon.commandGateway().sendAndWait(new Deposit("acct-1", 50));

        assertThat(balanceOf("acct-1")).isEqualTo(150);
        assertThat(axon.eventStore().readEvents("acct-1").asStream().count()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30))
               .untilAsserted(() -> assertThat(ledger.entries).containsExactly("acct-1@1:100", "acct-1@2:50"));
        await().atMost(Duration.ofSeconds(30))
               .until(() -> database.getCollection("trackingtokens").countDocuments() > 0);
    }

    /**
     * Within one JVM Axon's repository locks an aggregate while a unit of work holds it; the unique index is what
     * protects writers on different instances. The stale writer therefore runs on a second "instance": its own
     * repository and event store over the same database.
     */
    @Test
    void aWriterOnAnotherInstanceThatLoadedAStaleVersionGetsAConcurrencyException() throws Exception {
        axon.commandGateway().sendAndWait(new OpenAccount("acct-2"));
        Repository<TestAccount> repository = EventSourcingRepository
                .builder(TestAccount.class)
                .eventStore(EmbeddedEventStore.builder()
                                              .storageEngine(EventStoreTestSupport.engineOn(database).build())
                                              .build())
                .build();
        CountDownLatch staleLoaded = new CountDownLatch(1);
        CountDownLatch rivalCommitted = new CountDownLatch(1);

        CompletableFuture<Void> staleWriter = CompletableFuture.runAsync(() -> {
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.execute(() -> {
                repository.load("acct-2").execute(account -> account.deposit(7));
                staleLoaded.countDown();
                SequencedMongoEventStorageEngineTest.await(rivalCommitted);
            });
        });
        assertThat(staleLoaded.await(30, TimeUnit.SECONDS)).isTrue();
        axon.commandGateway().sendAndWait(new Deposit("acct-2", 40));
        rivalCommitted.countDown();

        assertThatThrownBy(() -> staleWriter.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(com.mongodb.MongoBulkWriteException.class)
                .cause().isInstanceOf(ConcurrencyException.class);
        assertThat(balanceOf("acct-2")).isEqualTo(40);
    }

    private long balanceOf(String accountId) {
        Repository<TestAccount> repository = axon.repository(TestAccount.class);
        return DefaultUnitOfWork.startAndGet(null)
                                .executeWithResult(() -> repository.load(accountId)
                                                                   .invoke(TestAccount::balanceYuan))
                                .getPayload();
    }
}
