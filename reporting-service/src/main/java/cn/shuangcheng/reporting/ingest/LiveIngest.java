package cn.shuangcheng.reporting.ingest;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.store.ReadModelStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * The live consumer group on both topics, writing into the active generation. After a rebuild switched the
 * generation, it seeks each of its partitions back to where the rebuild stopped (if it is beyond that), so that
 * whatever it applied only to the old generation in the meantime reaches the new one too.
 */
public final class LiveIngest implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveIngest.class);

    private final ReportingProperties properties;
    private final KafkaClients clients;
    private final CloudEventReader reader;
    private final DeadLetters deadLetters;
    private final Projector projector;
    private final ReadModelStore store;
    private final MeterRegistry meters;
    private final IngestMetrics metrics;
    private final RecordSpans spans;
    private volatile int generation;
    private volatile ReadModelConsumer consumer;
    private KafkaClientMetrics clientMetrics;
    private Thread thread;

    public LiveIngest(ReportingProperties properties, KafkaClients clients, CloudEventReader reader,
                      DeadLetters deadLetters, Projector projector, ReadModelStore store, MeterRegistry meters,
                      IngestMetrics metrics, RecordSpans spans) {
        this.properties = properties;
        this.clients = clients;
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.projector = projector;
        this.store = store;
        this.meters = meters;
        this.metrics = metrics;
        this.spans = spans;
    }

    @Override
    public synchronized void start() {
        generation = store.activeGeneration();
        store.ensureIndexes(generation);
        KafkaConsumer<String, byte[]> kafka = clients.consumer(properties.groupId(), "reporting-live");
        kafka.subscribe(List.of(properties.projectTopic(), properties.cadreTopic()));
        clientMetrics = new KafkaClientMetrics(kafka);
        clientMetrics.bindTo(meters);
        consumer = new ReadModelConsumer("live", kafka, reader, deadLetters, projector, () -> generation,
                properties.pollTimeout(), properties.retryBackoff(), true, metrics, spans);
        consumer.onBatch(this::followSwitch);
        thread = new Thread(consumer, "reporting-live-consumer");
        thread.start();
    }

    private void followSwitch(Consumer<String, byte[]> kafka, int records) {
        Document pointer;
        try {
            pointer = store.activePointer();
        } catch (RuntimeException e) {
            return; // MongoDB unavailable: the next batch will fail and be retried anyway
        }
        int active = pointer.getInteger("generation");
        if (active == generation) {
            return;
        }
        Document resume = pointer.get("resumeOffsets", Document.class);
        for (TopicPartition partition : kafka.assignment()) {
            Object offset = resume == null ? null : resume.get(partition.topic() + ":" + partition.partition());
            long from = offset == null ? 0 : ((Number) offset).longValue();
            if (kafka.position(partition) > from) {
                kafka.seek(partition, from);
            }
        }
        log.info("Live consumer now writes generation {} (was {}), re-reading from {}", active, generation, resume);
        generation = active;
    }

    @Override
    public synchronized void stop() {
        if (consumer != null) {
            consumer.stop();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer = null;
            clientMetrics.close();
        }
    }

    /** Running and polling (see {@link ReadModelConsumer#isPolling}): readiness and the running gauge. */
    public boolean isPolling() {
        ReadModelConsumer current = consumer;
        return current != null && current.isPolling(properties.stallTimeout());
    }

    @Override
    public boolean isRunning() {
        return consumer != null;
    }

    public int generation() {
        return generation;
    }

    static Map<String, Long> noOffsets() {
        return Map.of();
    }
}
