package cn.shuangcheng.projects.it;

import cn.shuangcheng.servicesupport.testing.SharedKafka;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Benchmark, not a test of speed: how long project-service takes to publish a burst of events written within
 * seconds, from the first write until Kafka holds every record. Prints its figures; excluded from the normal
 * build by its tag. Run it with {@code bench/publication-burst.sh}.
 */
@Tag("benchmark")
class PublicationBurstBenchmark {

    @ParameterizedTest(name = "burst of {0} events")
    @ValueSource(ints = {1_000, 10_000})
    void publish_a_burst(int events) throws Exception {
        int perProject = 10;
        try (ProjectServiceRig service = new ProjectServiceRig().start()) {
            long start = System.nanoTime();
            Duration written = new EventBurst(service, events / perProject, perProject, 4).write();
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> SharedKafka.recordCount(service.topic) >= events);
            Duration published = Duration.ofNanos(System.nanoTime() - start);
            assertThat(SharedKafka.recordCount(service.topic)).isEqualTo(events);
            System.out.printf("BENCHMARK publication burst: %,d events written in %,d ms; all on Kafka after %,d ms"
                            + " (%,.0f events/s)%n", events, written.toMillis(), published.toMillis(),
                    events * 1000.0 / published.toMillis());
        }
    }
}
