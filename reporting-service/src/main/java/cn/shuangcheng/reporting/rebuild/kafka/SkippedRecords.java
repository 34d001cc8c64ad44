package cn.shuangcheng.reporting.rebuild.kafka;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import cn.shuangcheng.reporting.ingestion.kafka.DeadLetters;
import cn.shuangcheng.reporting.ingestion.kafka.IngestMetrics;
import cn.shuangcheng.reporting.ingestion.mongo.Projector;

/**
 * What a rebuild left out of its generation, by reason (the dead-letter reasons). A rebuild sends no dead letter (the
 * live consumer parked the same records when it first met them), but a record it could not apply while the live one
 * could (an error taken for the data's) would be missing from the new generation once it is active: the count in the
 * rebuild's status lets an operator compare it with the dead-letter topic before trusting the switch.
 */
final class SkippedRecords implements IngestMetrics {

    private final Map<String, Long> byReason = new TreeMap<>();
    private Map<String, Long> noted = Map.of();

    @Override
    public synchronized void batchDone(ConsumerRecords<String, byte[]> records, Projector.Outcome outcome,
                                       List<DeadLetters.Letter> letters) {
        letters.forEach(letter -> byReason.merge(letter.kind().tag(), 1L, Long::sum));
    }

    @Override
    public void batchRetried() {
    }

    @Override
    public void afterPoll(Consumer<String, byte[]> consumer) {
    }

    /** The counts when they differ from the last ones {@linkplain #noted noted}, else null. */
    synchronized Map<String, Long> changed() {
        return byReason.equals(noted) ? null : Map.copyOf(byReason);
    }

    /** The counts were recorded. */
    synchronized void noted(Map<String, Long> counts) {
        noted = counts;
    }
}
