package cn.shuangcheng.servicesupport.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.shuangcheng.servicesupport.eventstore.TestAccount.Deposit;
import cn.shuangcheng.servicesupport.eventstore.TestAccount.OpenAccount;

/**
 * A command on an aggregate that another request holds waits the configured time, not Axon's 60 s, with the cache
 * on or off, and then fails with LockAcquisitionFailedException, which the services answer 503 with Retry-After (AxonProblemMapperTest).
 */
class AggregateLockWaitTest {

    @ParameterizedTest(name = "aggregate cache of {0} events")
    @ValueSource(longs = {100, 0})
    void a_command_waits_for_a_held_aggregate_the_configured_time_then_gives_up(long cacheEvents) throws Exception {
        SequencedMongoEventStorageEngine engine =
                EventStoreTestSupport.engineOn(EventStoreTestSupport.freshDatabase("lock")).build();
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> AxonJsonSerializers.jacksonSerializer())
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(new CachedAggregates(() -> engine, cacheEvents, Duration.ofMillis(500))
                        .configuration(TestAccount.class))
                .buildConfiguration();
        axon.start();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            axon.commandGateway().sendAndWait(new OpenAccount("busy"));
            Thread holder = new Thread(() -> {
                UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
                axon.repository(TestAccount.class).load("busy"); // holds its lock until the unit of work ends
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                unitOfWork.rollback();
            });
            holder.start();
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

            // Axon's default would wait 60 s here
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(
                    () -> axon.commandGateway().sendAndWait(new Deposit("busy", 1)))
                    .isInstanceOf(LockAcquisitionFailedException.class));

            release.countDown();
            holder.join(30_000);
            axon.commandGateway().sendAndWait(new Deposit("busy", 1)); // free again
        } finally {
            release.countDown();
            axon.shutdown();
        }
    }
}
