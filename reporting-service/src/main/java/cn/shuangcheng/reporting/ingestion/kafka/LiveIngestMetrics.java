package cn.shuangcheng.reporting.ingestion.kafka;

import cn.shuangcheng.reporting.ingestion.api.FreshnessMeters;
import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.IncomingEvent;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents;
import cn.shuangcheng.reporting.ingestion.mongo.Projector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The live consumer's meters, named as in deploy/METRICS.md. Every series that can be known in advance (each topic,
 * each event type of the topic's context, each dead-letter reason) is registered at zero from the start, so that
 * rules and dashboards find them before the first event.
 * <p>
 * Counting happens once a batch is committed: {@code records.consumed} = {@code events.applied} +
 * {@code events.duplicate} + {@code dlq.records} over any interval in which no batch was mid-way.
 */
public final class LiveIngestMetrics implements IngestMetrics {

    static final String CONSUMED = "shuangcheng.reporting.records.consumed";
    static final String APPLIED = "shuangcheng.reporting.events.applied";
    static final String DUPLICATE = "shuangcheng.reporting.events.duplicate";
    static final String CONFLICTING = "shuangcheng.reporting.events.conflicting";
    static final String PROJECTION_LAG = FreshnessMeters.PROJECTION_LAG;
    static final String CONSUMER_LAG = FreshnessMeters.CONSUMER_LAG;
    static final String DLQ = "shuangcheng.reporting.dlq.records";
    static final String GAPS = "shuangcheng.reporting.sequence.gaps";
    static final String GAPS_FILLED = "shuangcheng.reporting.sequence.gaps.filled";
    static final String RETRIED = "shuangcheng.reporting.batches.retried";
    static final String INVESTMENT_RECORDED = "shuangcheng.reporting.investment.recorded.yuan";
    static final String INVESTMENT_CORRECTED = "shuangcheng.reporting.investment.corrected.yuan";
    static final String UNKNOWN = "unknown";

    private static final Logger log = LoggerFactory.getLogger(LiveIngestMetrics.class);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration lagInterval;
    private final Map<String, Instant> lastAppliedTime = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final MultiGauge consumerLag;
    private long nextLagRefresh;

    /**
     * @param contextByTopic the consumed topics and the context of the events each carries
     * @param lagInterval    how often the consumer lag is asked from Kafka (two requests each time)
     */
    public LiveIngestMetrics(MeterRegistry registry, Map<String, String> contextByTopic, Duration lagInterval,
                             Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.lagInterval = lagInterval;
        for (Map.Entry<String, String> topic : contextByTopic.entrySet()) {
            for (EventCatalog.Entry entry : EventCatalog.all()) {
                if (entry.context().equals(topic.getValue())) {
                    counter(CONSUMED, "topic", topic.getKey(), "type", entry.type());
                    counter(APPLIED, "type", entry.type());
                    counter(DUPLICATE, "type", entry.type());
                }
            }
            counter(CONSUMED, "topic", topic.getKey(), "type", UNKNOWN);
            counter(GAPS, "topic", topic.getKey());
            counter(GAPS_FILLED, "topic", topic.getKey());
            Gauge.builder(PROJECTION_LAG, lastAppliedTime, times -> lagSeconds(times.get(topic.getKey())))
                 .tag("topic", topic.getKey()).baseUnit("seconds")
                 .description("now minus the time of the last event applied")
                 .register(registry);
        }
        for (UnreadableRecordException.Kind kind : UnreadableRecordException.Kind.values()) {
            counter(DLQ, "reason", kind.tag());
        }
        counter(CONFLICTING);
        counter(RETRIED);
        counter(INVESTMENT_RECORDED);
        counter(INVESTMENT_CORRECTED, "direction", "increase");
        counter(INVESTMENT_CORRECTED, "direction", "decrease");
        consumerLag = MultiGauge.builder(CONSUMER_LAG).baseUnit("records")
                .description("log end offset minus committed offset, per assigned partition").register(registry);
    }

    @Override
    public void batchDone(ConsumerRecords<String, byte[]> records, Projector.Outcome outcome,
                          List<DeadLetters.Letter> letters) {
        for (ConsumerRecord<String, byte[]> record : records) {
            counter(CONSUMED, "topic", record.topic(), "type", knownType(record)).increment();
        }
        Map<String, Instant> latest = new HashMap<>();
        for (IncomingEvent event : outcome.applied()) {
            counter(APPLIED, "type", event.type()).increment();
            if (event.origin() != null) {
                latest.merge(event.origin().topic(), event.time(), (a, b) -> a.isAfter(b) ? a : b);
            }
            if (event.payload() instanceof ProjectContextEvents.InvestmentRecorded recorded) {
                counter(INVESTMENT_RECORDED).increment(recorded.amountYuan());
            } else if (event.payload() instanceof ProjectContextEvents.InvestmentCorrected corrected) {
                long difference = corrected.amountYuan() - corrected.previousAmountYuan();
                counter(INVESTMENT_CORRECTED, "direction", difference >= 0 ? "increase" : "decrease")
                        .increment(Math.abs(difference));
            }
        }
        lastAppliedTime.putAll(latest);
        outcome.duplicates().forEach(event -> counter(DUPLICATE, "type", event.type()).increment());
        counter(CONFLICTING).increment(outcome.conflicting().size());
        outcome.gapsOpened().forEach((topic, n) -> counter(GAPS, "topic", topic).increment(n));
        outcome.gapsFilled().forEach((topic, n) -> counter(GAPS_FILLED, "topic", topic).increment(n));
        letters.forEach(letter -> counter(DLQ, "reason", letter.kind().tag()).increment());
    }

    @Override
    public void batchRetried() {
        counter(RETRIED).increment();
    }

    @Override
    public void afterPoll(Consumer<String, byte[]> consumer) {
        long now = clock.millis();
        if (now < nextLagRefresh) {
            return;
        }
        nextLagRefresh = now + lagInterval.toMillis();
        Set<TopicPartition> assigned = consumer.assignment();
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, lagInterval);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, lagInterval);
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (TopicPartition partition : assigned) {
                Long end = ends.get(partition);
                OffsetAndMetadata done = committed.get(partition);
                if (end != null) {
                    long lag = Math.max(0, end - (done == null ? consumer.position(partition, lagInterval)
                            : done.offset()));
                    rows.add(MultiGauge.Row.of(Tags.of("topic", partition.topic(),
                            "partition", Integer.toString(partition.partition())), lag));
                }
            }
            // overwrite: partitions this instance no longer holds (a rebalance) disappear
            consumerLag.register(rows, true);
        } catch (RuntimeException e) {
            log.debug("consumer lag not refreshed: {}", e.toString());
        }
    }

    private double lagSeconds(Instant lastApplied) {
        return lastApplied == null ? Double.NaN : Math.max(0, clock.millis() - lastApplied.toEpochMilli()) / 1000.0;
    }

    /** The record's CloudEvents type if this consumer knows it, else {@code unknown}: no tag values from outside. */
    private static String knownType(ConsumerRecord<String, byte[]> record) {
        return HeaderText.text(record, "ce_type").filter(type -> EventCatalog.byType(type).isPresent())
                .orElse(UNKNOWN);
    }

    /** The HELP text of each counter (deploy/METRICS.md's meaning; promtool check metrics wants one). */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            CONSUMED, "records read from the event topics",
            APPLIED, "events applied to the read models (duplicates not counted)",
            DUPLICATE, "redelivered events ignored by the sequence guard",
            CONFLICTING, "events not applied because the stored ones say otherwise (parked as conflicting)",
            DLQ, "records sent to the dead-letter topic",
            GAPS, "sequence gaps detected",
            GAPS_FILLED, "missing sequences that arrived late and were folded in order",
            RETRIED, "polled batches not applied and read again",
            INVESTMENT_RECORDED, "completed investment of the InvestmentRecorded events applied (yuan)",
            INVESTMENT_CORRECTED, "corrections applied, as the size of their difference (yuan)");

    private Counter counter(String name, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(DESCRIPTIONS.get(name)).tags(tags)
                .register(registry));
    }
}
