package cn.shuangcheng.projects.intake.kafka;

import cn.shuangcheng.projects.intake.api.RowOutcome;
import cn.shuangcheng.projects.intake.application.IntakeProcessor;
import cn.shuangcheng.projects.intake.application.InfrastructureUnavailableException;
import cn.shuangcheng.projects.intake.application.IntakeMetrics;
import cn.shuangcheng.projects.intake.application.IntakeRowBinder;
import cn.shuangcheng.projects.intake.application.IntakeProperties;
import cn.shuangcheng.support.kafka.RenewingProducer;
import cn.shuangcheng.support.logging.LogSafe;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One record of the intake topic, handled as a REST row is: bound, then applied by the {@link IntakeProcessor} under
 * the topic's configured principal. A record that cannot be read, bound or applied is a rejection, published with
 * its reasons on the rejections topic and acknowledged by the broker before the record counts as done. Only an
 * {@link InfrastructureUnavailableException} escapes: the {@link IntakeTopicListener} then reads the record again.
 */
final class IntakeRecordHandler {

    private static final Logger log = LoggerFactory.getLogger(IntakeRecordHandler.class);

    private final IntakeProperties properties;
    private final IntakeProcessor processor;
    private final IntakeRowBinder binder;
    private final JsonMapper json;
    private final IntakeMetrics metrics;
    /**
     * How long after its poll a record may still be sent ({@link IntakeKafkaClients#sendWithinAfterPoll}). A listener
     * that stalled longer (a GC pause, a slow MongoDB) may have left its group, and the partition's new owner may have
     * applied this record and later ones for the same project meanwhile; sending it now would put the project back
     * to the older item. The record is read again instead, from wherever the group committed.
     */
    private final Duration sendWithin;
    /** Test seam: run before the next records are handled, to fail in their place or to stall the listener. */
    private final AtomicReference<Runnable> interception = new AtomicReference<>();
    private final AtomicInteger interceptions = new AtomicInteger();

    IntakeRecordHandler(IntakeProperties properties, IntakeProcessor processor, IntakeRowBinder binder,
                        JsonMapper json, IntakeMetrics metrics, Duration sendWithin) {
        this.sendWithin = sendWithin;
        this.properties = properties;
        this.processor = processor;
        this.binder = binder;
        this.json = json;
        this.metrics = metrics;
    }

    /** Test seam: {@code interception} runs before each of the next {@code records} records is handled. */
    void interceptNextRecords(Runnable interception, int records) {
        this.interception.set(interception);
        interceptions.set(records);
    }

    /** What became of one poll's records. */
    record PollOutcome(boolean handledAny, boolean mustWait) {
    }

    /**
     * Applies one poll's records partition by partition and commits what was done. When the infrastructure fails
     * at a record, its partition is rewound to it and the rest of that partition's records wait
     * ({@link PollOutcome#mustWait}: after a backoff). When the poll is too old to send a record, every partition is
     * rewound at its first record not done, to be polled again at once (slow work is not an outage), unless no
     * record at all was done.
     */
    PollOutcome handle(KafkaConsumer<String, String> reading, RenewingProducer<String, String> rejections,
                       ConsumerRecords<String, String> records) {
        long polledAt = System.nanoTime();
        BooleanSupplier pollRecent = () -> System.nanoTime() - polledAt < sendWithin.toNanos();
        boolean mustWait = false;
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, String> record : records.records(partition)) {
                if (!pollRecent.getAsBoolean()) {
                    // every record left is as late: none is read, applied or rejected under the lapsed poll
                    log.info("intake record {} and the rest of its partition are polled again: the poll is older "
                            + "than {}", origin(record), sendWithin);
                    reading.seek(partition, record.offset());
                    break;
                }
                try {
                    handle(record, rejections, pollRecent);
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } catch (InfrastructureUnavailableException e) {
                    log.warn("intake record {} waits: {}", origin(record), LogSafe.text(e.getCause()));
                    reading.seek(partition, record.offset());
                    mustWait |= pollRecent.getAsBoolean();
                    break;
                }
            }
        }
        if (!done.isEmpty()) {
            try {
                reading.commitSync(done);
            } catch (CommitFailedException | RebalanceInProgressException | RetriableException e) {
                // the partitions moved on (a rebalance after a long retry) or the commit timed out: the records
                // after the last commit are read again, by us or another instance, and change nothing twice
                log.warn("intake offsets not committed ({}); those records are read again", e.toString());
            }
        }
        // a poll that lapsed before a single record was done is waited on as an outage: a record whose own work
        // outlasts the claim (or calls that time out, one after another) would otherwise be polled again at once,
        // for ever, with nothing to show for it
        return new PollOutcome(!done.isEmpty(), mustWait || done.isEmpty() && !records.isEmpty());
    }

    void handle(ConsumerRecord<String, String> record, RenewingProducer<String, String> rejections,
                BooleanSupplier pollRecent) {
        if (interceptions.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            interception.get().run();
        }
        RowOutcome outcome;
        try {
            IntakeRowBinder.Bound bound = record.value() == null
                    ? IntakeRowBinder.Bound.refused(IntakeRowBinder.reference(record.key()), "item", "is missing")
                    : binder.bind(record.value());
            outcome = bound.item() == null
                    ? RowOutcome.rejected(0, bound.externalRef(), null, bound.errors())
                    : processor.apply(0, bound.item(), properties.kafkaPrincipal(), "kafka:" + origin(record),
                    pollRecent);
        } catch (InfrastructureUnavailableException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            log.warn("intake record {} could not be applied: {}", origin(record), LogSafe.text(e));
            outcome = RowOutcome.rejected(0, null, null, List.of(new RowOutcome.FieldError("item",
                    "could not be applied (" + e.getClass().getSimpleName() + "); nothing of it was stored")));
        }
        if (outcome.outcome() == RowOutcome.Outcome.REJECTED) {
            publishRejection(record, outcome, rejections);
        }
        metrics.row(IntakeMetrics.Channel.KAFKA, outcome);
    }

    /** Waits for the broker's acknowledgement: a rejection that is not published is a record not done. */
    private void publishRejection(ConsumerRecord<String, String> record, RowOutcome outcome,
                                  RenewingProducer<String, String> rejections) {
        Map<String, Object> rejection = new LinkedHashMap<>();
        rejection.put("externalRef", outcome.externalRef());
        rejection.put("projectId", outcome.projectId());
        rejection.put("errors", outcome.errors());
        rejection.put("origin", origin(record));
        try {
            // the key cut as the reference is: a rejection that Kafka refuses as too large would be tried forever
            rejections.send(new ProducerRecord<>(properties.rejectionsTopic(), IntakeRowBinder.reference(record.key()),
                    json.writeValueAsString(rejection))).get(properties.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureUnavailableException(e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new InfrastructureUnavailableException(e);
        }
    }

    static String origin(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "/" + record.offset();
    }
}
