package cn.shuangcheng.reporting.ingestion.kafka;

import java.util.Objects;

/**
 * What a {@link ReadModelConsumer} is for. The live consumer commits its group's offsets, sends unreadable records to
 * the dead-letter topic, counts and traces. A rebuild re-reads the topics into a new generation from manually
 * assigned partitions: it commits nothing, and sends, counts and traces nothing, because the live consumer already
 * did all that for the same records; it only tells what it could not apply.
 *
 * @param name           the consumer's name in logs
 * @param commitsOffsets whether offsets are committed to the consumer group after each batch
 * @param deadLetters    where unreadable records go; {@link DeadLetters#NONE} skips them
 */
public record ConsumerMode(String name, boolean commitsOffsets, DeadLetters deadLetters, IngestMetrics metrics,
                           RecordSpans spans) {

    public ConsumerMode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(spans, "spans");
    }

    public static ConsumerMode live(DeadLetters deadLetters, IngestMetrics metrics, RecordSpans spans) {
        return new ConsumerMode("live", true, deadLetters, metrics, spans);
    }

    /** @param skipped told of the records the rebuild could not apply (it sends no dead letter) */
    public static ConsumerMode rebuild(int generation, IngestMetrics skipped) {
        return new ConsumerMode("rebuild-g" + generation, false, DeadLetters.NONE, skipped, RecordSpans.NONE);
    }
}
