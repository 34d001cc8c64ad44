package cn.shuangcheng.reporting.rebuild.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rebuild asks Kafka how far it is behind after every poll. Kafka's own in-memory consumer stands in for the broker
 * here, because what is tested is a broker that does not answer in time: a restart longer than default.api.timeout.ms
 * used to fail the whole rebuild.
 */
class RebuildProgressTest {

    private static final TopicPartition PROJECTS = new TopicPartition("shuangcheng.project.events.v1", 0);
    private static final TopicPartition CADRES = new TopicPartition("shuangcheng.cadre.events.v1", 0);

    private static final Duration WITHIN = Duration.ofSeconds(15);

    private final MockConsumer<String, byte[]> kafka = new MockConsumer<>("earliest");

    @BeforeEach
    void assign() {
        kafka.assign(List.of(PROJECTS, CADRES));
        kafka.updateBeginningOffsets(Map.of(PROJECTS, 0L, CADRES, 0L));
        kafka.updateEndOffsets(Map.of(PROJECTS, 10L, CADRES, 4L));
        kafka.seek(PROJECTS, 7);
        kafka.seek(CADRES, 4);
    }

    @Test
    void the_lag_is_what_is_left_on_every_partition_with_each_position() {
        RebuildProgress progress = RebuildProgress.of(kafka, WITHIN);

        assertThat(progress.lag()).isEqualTo(3);
        assertThat(progress.caughtUp()).isFalse();
        assertThat(progress.positions()).containsOnly(Map.entry("shuangcheng.project.events.v1:0", 7L),
                Map.entry("shuangcheng.cadre.events.v1:0", 4L));
    }

    @Test
    void a_rebuild_that_read_everything_has_caught_up() {
        kafka.seek(PROJECTS, 10);

        assertThat(RebuildProgress.of(kafka, WITHIN).caughtUp()).isTrue();
    }

    @Test
    void a_kafka_that_does_not_answer_in_time_leaves_the_lag_unknown_and_never_caught_up() {
        kafka.setOffsetsException(new TimeoutException("Timeout of 60000ms expired before offsets could be retrieved"));

        RebuildProgress progress = RebuildProgress.of(kafka, WITHIN);

        assertThat(progress.lag()).isEqualTo(RebuildProgress.UNKNOWN);
        assertThat(progress.caughtUp()).isFalse();
        assertThat(RebuildProgress.of(kafka, WITHIN).lag()).as("asked again, it answers").isEqualTo(3);
    }

    /** Kafka answered, and refused: waiting does not help, the rebuild fails and says why. */
    @Test
    void a_refusal_fails_the_rebuild() {
        kafka.setOffsetsException(new TopicAuthorizationException(Set.of("shuangcheng.project.events.v1")));

        assertThatThrownBy(() -> RebuildProgress.of(kafka, WITHIN)).isInstanceOf(TopicAuthorizationException.class);
    }

    /** Stopping a rebuild wakes its consumer up, which interrupts whatever call it is in. */
    @Test
    void a_wakeup_stops_the_rebuild() {
        kafka.setOffsetsException(new WakeupException());

        assertThatThrownBy(() -> RebuildProgress.of(kafka, WITHIN)).isInstanceOf(WakeupException.class);
    }
}
