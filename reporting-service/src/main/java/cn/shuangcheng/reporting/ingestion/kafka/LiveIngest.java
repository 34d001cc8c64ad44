package cn.shuangcheng.reporting.ingestion.kafka;

import cn.shuangcheng.reporting.ingestion.application.Supervisor;
import cn.shuangcheng.reporting.ingestion.mongo.Projector;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * The live consumer group on both topics, writing into the active generation. Its consumer thread runs under a
 * {@link Supervisor}: a consumer that dies of anything is replaced by a fresh one (a new Kafka consumer in the group,
 * resuming from the committed offsets) after a backoff. Its partitions follow the active generation through a
 * {@link GenerationFollower}: on every assignment and after a rebuild switched, each partition not yet moved to the
 * active generation is read again from the start offset the rebuild recorded, whichever instance owns it, so that
 * whatever was applied only to the old generation in the meantime reaches the new one too.
 */
public final class LiveIngest implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveIngest.class);
    static final String RESTARTS = "shuangcheng.reporting.consumer.restarts";

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
    private final Counter restarts;
    private volatile ReadModelConsumer consumer;
    private volatile Supervisor supervisor;

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
        this.restarts = Counter.builder(RESTARTS).description("times the read-model consumer thread died and was restarted")
                .register(meters);
    }

    @Override
    public synchronized void start() {
        generation = store.activeGeneration();
        store.ensureIndexes(generation);
        supervisor = new Supervisor("reporting-live-consumer", this::newWorker, properties.retryBackoff(),
                properties.maxRetryBackoff(), properties.restartLimit(), properties.restartWindow(), restarts,
                Clock.systemUTC());
        supervisor.start();
    }

    /** A fresh Kafka consumer in the group and the poll loop over it; made again by the supervisor after a death. */
    private Supervisor.Worker newWorker() {
        KafkaConsumer<String, byte[]> kafka = clients.consumer(properties.groupId(), "reporting-live");
        GenerationFollower follower = new GenerationFollower(kafka, store, "live", () -> generation,
                active -> {
                    if (active != generation) {
                        log.info("Live consumer now writes generation {} (was {})", active, generation);
                    }
                    generation = active;
                });
        kafka.subscribe(List.of(properties.projectTopic(), properties.cadreTopic()), follower);
        KafkaClientMetrics clientMetrics = new KafkaClientMetrics(kafka);
        clientMetrics.bindTo(meters);
        ReadModelConsumer worker = new ReadModelConsumer(ConsumerMode.live(deadLetters, metrics, spans), kafka, reader,
                projector, () -> generation, properties);
        Supervisor current = supervisor;
        worker.onBatch((c, records) -> {
            follower.afterPoll();
            // only records applied end a run of deaths: an empty poll while the restarted consumer rejoins its
            // group proves nothing, and counting it kept a worker that dies on every record alive for ever
            if (current != null && records > 0) {
                current.progress();
            }
        });
        consumer = worker;
        return new Supervisor.Worker() {
            @Override
            public void run() {
                try {
                    worker.run();
                } finally {
                    clientMetrics.close();
                }
            }

            @Override
            public void stop() {
                worker.stop();
            }
        };
    }

    @Override
    public synchronized void stop() {
        if (supervisor != null) {
            supervisor.stop(Duration.ofSeconds(10));
            supervisor = null;
            consumer = null;
        }
    }

    /** Running and polling (see {@link ReadModelConsumer#isPolling}): the readModelConsumer indicator and gauge. */
    public boolean isPolling() {
        ReadModelConsumer current = consumer;
        Supervisor supervising = supervisor;
        return supervising != null && current != null && current.isPolling(properties.stallTimeout());
    }

    /**
     * Whether the consumer thread is stuck beyond what a restart inside the process can mend: it has not come back to
     * poll for three times {@code stall-timeout} (a call that never returns cannot be interrupted from outside).
     */
    public boolean isStuck() {
        ReadModelConsumer current = consumer;
        return supervisor != null && current != null && current.isStuck(properties.stallTimeout().multipliedBy(3));
    }

    /** Whether the consumer dies again and again ({@link Supervisor#isCrashLooping}): its gauge and indicators. */
    public boolean isCrashLooping() {
        Supervisor supervising = supervisor;
        return supervising != null && supervising.isCrashLooping();
    }

    /** The supervisor of the consumer thread (restarts, whether it can still bring the worker back); null when stopped. */
    public Supervisor supervisor() {
        return supervisor;
    }

    @Override
    public boolean isRunning() {
        return supervisor != null;
    }

    public int generation() {
        return generation;
    }
}
