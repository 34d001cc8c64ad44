package cn.shuangcheng.projects.intake.kafka;

import cn.shuangcheng.projects.intake.api.RowOutcome;
import cn.shuangcheng.projects.intake.application.IntakeProcessor;
import cn.shuangcheng.projects.intake.application.InfrastructureUnavailableException;
import cn.shuangcheng.projects.intake.application.IntakeMetrics;
import cn.shuangcheng.projects.intake.application.IntakeRowBinder;
import cn.shuangcheng.projects.intake.application.IntakeProperties;
import cn.shuangcheng.support.logging.LogSafe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
    /** Test seam: thrown in place of handling the next records, to show how the loop is restarted or given up. */
    private final AtomicReference<Throwable> injectedFailure = new AtomicReference<>();
    private final AtomicInteger injectedFailures = new AtomicInteger();

    IntakeRecordHandler(IntakeProperties properties, IntakeProcessor processor, IntakeRowBinder binder,
                        JsonMapper json, IntakeMetrics metrics) {
        this.properties = properties;
        this.processor = processor;
        this.binder = binder;
        this.json = json;
        this.metrics = metrics;
    }

    /** Test seam: the next {@code records} records are not handled; {@code failure} is thrown in their place. */
    void failNextRecordsWith(Throwable failure, int records) {
        injectedFailure.set(failure);
        injectedFailures.set(records);
    }

    void handle(ConsumerRecord<String, String> record, KafkaProducer<String, String> rejections) {
        if (injectedFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            Throwable injected = injectedFailure.get();
            if (injected instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) injected;
        }
        RowOutcome outcome;
        try {
            IntakeRowBinder.Bound bound = record.value() == null
                    ? IntakeRowBinder.Bound.refused(IntakeRowBinder.reference(record.key()), "item", "is missing")
                    : binder.bind(record.value());
            outcome = bound.item() == null
                    ? RowOutcome.rejected(0, bound.externalRef(), null, bound.errors())
                    : processor.apply(0, bound.item(), properties.kafkaPrincipal(), "kafka:" + origin(record));
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
                                  KafkaProducer<String, String> rejections) {
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
