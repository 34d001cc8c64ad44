package cn.shuangcheng.reporting.ingestion.kafka;

import cn.shuangcheng.reporting.ingestion.mongo.Projector;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * What a read-model consumer tells about its work. The live consumer's reports become the meters of deploy/METRICS.md
 * ({@link LiveIngestMetrics}); a rebuild's go nowhere, since it re-reads what the live consumer already counted.
 */
public interface IngestMetrics {

    /** After a batch was applied and its offsets committed (a retried batch is reported once, when it succeeds). */
    void batchDone(ConsumerRecords<String, byte[]> records, Projector.Outcome outcome, List<DeadLetters.Letter> letters);

    /** A batch failed (MongoDB or the dead-letter topic) and will be read again. */
    void batchRetried();

    /** On the consumer's thread after every poll, so it may ask the consumer for offsets. */
    void afterPoll(Consumer<String, byte[]> consumer);

    IngestMetrics NONE = new IngestMetrics() {
        @Override
        public void batchDone(ConsumerRecords<String, byte[]> records, Projector.Outcome outcome,
                              List<DeadLetters.Letter> letters) {
        }

        @Override
        public void batchRetried() {
        }

        @Override
        public void afterPoll(Consumer<String, byte[]> consumer) {
        }
    };
}
