package cn.shuangcheng.servicesupport.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A tracking processor whose handler throws an {@link Error} that nothing contains: Axon stops the processor
 * ("paused in error") for good. The supervisor starts it again from its last token; one in error again after
 * every one of its restarts in a row is crash-looping (health DOWN), and still started again, further apart.
 */
class EventProcessorSupervisorTest {

    private static final String PROCESSOR = "fragile";
    /** The worker thread dies of the Error uncaught: that is the point, not a failure of the waiting test. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final AtomicInteger errorsLeft = new AtomicInteger();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Configuration configuration;

    /** Throws a StackOverflowError while errors are left, else records the event. */
    class FragileHandler {
        @EventHandler
        void on(String event) {
            if (errorsLeft.getAndDecrement() > 0) {
                throw new StackOverflowError("thrown by the test");
            }
            handled.add(event);
        }
    }

    @AfterEach
    void shutDown() {
        if (configuration != null) {
            configuration.shutdown();
        }
    }

    private EventProcessor start(int errors) {
        errorsLeft.set(errors);
        FragileHandler handler = new FragileHandler();
        configuration = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(config -> new InMemoryEventStorageEngine())
                .eventProcessing(processing -> processing
                        .registerEventHandler(config -> handler)
                        .assignHandlerInstancesMatching(PROCESSOR, candidate -> candidate == handler)
                        .registerTrackingEventProcessor(PROCESSOR))
                .buildConfiguration();
        configuration.start();
        configuration.eventStore().publish(GenericEventMessage.asEventMessage("first"),
                GenericEventMessage.asEventMessage("second"));
        return configuration.eventProcessingConfiguration().eventProcessor(PROCESSOR).orElseThrow();
    }

    private EventProcessorSupervisor supervisor(int maxRestarts) {
        return new EventProcessorSupervisor(() -> configuration.eventProcessingConfiguration(), maxRestarts,
                registry);
    }

    private Status health(EventProcessorSupervisor supervisor) {
        return new EventProcessorsHealthIndicator(() -> configuration.eventProcessingConfiguration()
                .eventProcessors(), supervisor).health().getStatus();
    }

    @Test
    void restartsAProcessorThatAThrownErrorStoppedAndItGoesOnFromItsToken() {
        EventProcessor processor = start(1);
        try (EventProcessorSupervisor supervisor = supervisor(3)) {
            await().dontCatchUncaughtExceptions().atMost(WAIT).until(processor::isError);
            assertThat(processor.isRunning()).isFalse();
            assertThat(health(supervisor)).isEqualTo(Status.UP); // the supervisor has not tried yet

            supervisor.check();

            await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> handled.size() == 2);
            assertThat(handled).containsExactly("first", "second");
            assertThat(processor.isRunning()).isTrue();
            assertThat(supervisor.restarts(PROCESSOR)).isEqualTo(1);
            assertThat(registry.get(EventProcessorSupervisor.RESTARTS).tag("processor", PROCESSOR).counter()
                    .count()).isEqualTo(1);
            supervisor.check();
            assertThat(supervisor.isCrashLooping(PROCESSOR)).isFalse();
            assertThat(health(supervisor)).isEqualTo(Status.UP);
        }
    }

    /** A scheduled task that lets an Error escape is cancelled for good: no round would ever come again. */
    @Test
    void anErrorInOneRoundOfChecksDoesNotEndTheRoundsThatFollow() {
        EventProcessor processor = start(1);
        await().dontCatchUncaughtExceptions().atMost(WAIT).until(processor::isError);
        AtomicBoolean failedOnce = new AtomicBoolean();
        try (EventProcessorSupervisor supervisor = new EventProcessorSupervisor(() -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new OutOfMemoryError("unable to create native thread (thrown by the test)");
            }
            return configuration.eventProcessingConfiguration();
        }, 3, registry).every(Duration.ofMillis(50))) {

            await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> handled.size() == 2);
            assertThat(failedOnce).isTrue();
            assertThat(supervisor.restarts(PROCESSOR)).isEqualTo(1);
        }
    }

    @Test
    void aProcessorInErrorAfterEveryRestartIsCrashLoopingAndDownAndStillStartedAgainFurtherApartUntilItRuns() {
        EventProcessor processor = start(Integer.MAX_VALUE);
        try (EventProcessorSupervisor supervisor = supervisor(2)) {
            for (int restart = 1; restart <= 2; restart++) {
                await().dontCatchUncaughtExceptions().atMost(WAIT).until(processor::isError);
                supervisor.check();
                assertThat(supervisor.restarts(PROCESSOR)).isEqualTo(restart);
                assertThat(health(supervisor)).isEqualTo(Status.UP);
            }
            // crash-looping: checked 1, 2, 3, 4 times since, it was started again after 1, 2 and 4
            List<Long> restartsAfterCheck = new java.util.ArrayList<>();
            for (int check = 1; check <= 4; check++) {
                await().dontCatchUncaughtExceptions().atMost(WAIT).until(processor::isError);
                supervisor.check();
                assertThat(supervisor.isCrashLooping(PROCESSOR)).isTrue();
                assertThat(health(supervisor)).isEqualTo(Status.DOWN);
                restartsAfterCheck.add(supervisor.restarts(PROCESSOR));
            }
            assertThat(restartsAfterCheck).containsExactly(3L, 4L, 4L, 5L);
            assertThat(registry.get(EventProcessorSupervisor.CRASH_LOOPING).tag("processor", PROCESSOR).gauge()
                    .value()).isEqualTo(1);
            assertThat(handled).isEmpty();

            errorsLeft.set(0); // what stopped it is mended; no instance restart is needed
            await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> {
                supervisor.check();
                return handled.size() == 2;
            });
            supervisor.check();
            assertThat(supervisor.isCrashLooping(PROCESSOR)).isFalse();
            assertThat(health(supervisor)).isEqualTo(Status.UP);
            assertThat(supervisor.restarts(PROCESSOR)).isEqualTo(6);
            assertThat(registry.get(EventProcessorSupervisor.CRASH_LOOPING).tag("processor", PROCESSOR).gauge()
                    .value()).isZero();
        }
    }

    @Test
    void whileCrashLoopingAProcessorIsStartedAgainAfter1_2_4_8_16_32ChecksThenEvery32() {
        List<Integer> due = java.util.stream.IntStream.rangeClosed(1, 100)
                .filter(EventProcessorSupervisor::isDueWhileCrashLooping).boxed().toList();
        assertThat(due).containsExactly(1, 2, 4, 8, 16, 32, 64, 96);
    }

    @Test
    void leavesAProcessorThatWasShutDownOnPurposeAlone() {
        EventProcessor processor = start(0);
        try (EventProcessorSupervisor supervisor = supervisor(1)) {
            await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> handled.size() == 2);
            processor.shutDown();

            supervisor.check();
            supervisor.check();

            assertThat(processor.isRunning()).isFalse();
            assertThat(supervisor.restarts(PROCESSOR)).isZero();
            assertThat(health(supervisor)).isEqualTo(Status.UP);
        }
    }
}
