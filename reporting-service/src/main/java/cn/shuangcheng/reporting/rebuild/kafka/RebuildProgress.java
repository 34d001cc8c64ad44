package cn.shuangcheng.reporting.rebuild.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

import cn.shuangcheng.reporting.readmodel.mongo.ActiveGeneration;
import cn.shuangcheng.support.outage.KafkaOutages;

/**
 * How far a rebuild has read: the records left on its partitions, and each partition's position ("topic:partition",
 * where the live consumers go on from after the switch).
 *
 * @param lag {@link #UNKNOWN} when Kafka did not answer
 */
record RebuildProgress(long lag, Map<String, Long> positions) {

    /** The lag a status shows before the first poll, and while Kafka does not say. */
    static final long UNKNOWN = -1;

    boolean caughtUp() {
        return lag == 0;
    }

    /**
     * Asks Kafka, waiting at most {@code within} for each answer: the rebuild renews its heartbeat after this, and a
     * heartbeat later than its timeout makes the rebuild FAILED. A Kafka that cannot be reached or does not answer in
     * time (a broker restarting, say) gives {@link #UNKNOWN}, not a failure: a rebuild of hours must not fail for it,
     * it reads on and asks again after its next poll. A refusal (an authorisation failure, say) goes through and fails
     * the rebuild, as does a wake-up (the rebuild stopped).
     */
    static RebuildProgress of(Consumer<String, byte[]> kafka, Duration within) {
        long lag = 0;
        Map<String, Long> positions = new HashMap<>();
        try {
            Map<TopicPartition, Long> ends = kafka.endOffsets(kafka.assignment(), within);
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                long position = kafka.position(end.getKey(), within);
                lag += Math.max(0, end.getValue() - position);
                positions.put(ActiveGeneration.key(end.getKey().topic(), end.getKey().partition()), position);
            }
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            if (!KafkaOutages.isOutage(e)) {
                throw e;
            }
            return new RebuildProgress(UNKNOWN, Map.of());
        }
        return new RebuildProgress(lag, positions);
    }
}
