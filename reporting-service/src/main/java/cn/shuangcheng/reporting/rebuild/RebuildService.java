package cn.shuangcheng.reporting.rebuild;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.ingest.CloudEventReader;
import cn.shuangcheng.reporting.ingest.IngestMetrics;
import cn.shuangcheng.support.logging.LogSafe;
import cn.shuangcheng.reporting.ingest.KafkaClients;
import cn.shuangcheng.reporting.ingest.Projector;
import cn.shuangcheng.reporting.ingest.ReadModelConsumer;
import cn.shuangcheng.reporting.ingest.RecordSpans;
import cn.shuangcheng.reporting.store.ReadModelStore;
import cn.shuangcheng.support.domain.StateConflictException;

/**
 * Rebuilds the read models from the topics: a consumer outside any group, assigned every partition of both topics
 * from the beginning, folds everything into a fresh generation of collections while queries keep reading the active
 * one. When its lag is zero on every partition it makes the new generation active (with the offsets it stopped at,
 * from which the live consumer re-reads into the new generation) and stops. Unreadable records are counted, not sent
 * to the dead-letter topic again (the live consumer did that when it first met them).
 */
public final class RebuildService {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);

    public enum State { RUNNING, COMPLETED, FAILED }

    public record Status(int id, State state, int generation, int previousGeneration, Instant startedAt,
                         Instant completedAt, long lag, String error) {
    }

    private final ReportingProperties properties;
    private final KafkaClients clients;
    private final CloudEventReader reader;
    private final Projector projector;
    private final ReadModelStore store;
    private final Map<Integer, Status> rebuilds = new ConcurrentHashMap<>();
    private volatile ReadModelConsumer running;

    public RebuildService(ReportingProperties properties, KafkaClients clients, CloudEventReader reader,
                          Projector projector, ReadModelStore store) {
        this.properties = properties;
        this.clients = clients;
        this.reader = reader;
        this.projector = projector;
        this.store = store;
    }

    public synchronized Status start() {
        if (running != null) {
            throw new StateConflictException("A rebuild is already running.");
        }
        int previous = store.activeGeneration();
        int generation = Math.max(previous, rebuilds.keySet().stream().mapToInt(Integer::intValue).max().orElse(0)) + 1;
        store.drop(generation);
        store.ensureIndexes(generation);
        KafkaConsumer<String, byte[]> kafka = clients.consumer(null, "reporting-rebuild-g" + generation);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(properties.projectTopic(), properties.cadreTopic())) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        ReadModelConsumer consumer = new ReadModelConsumer("rebuild-g" + generation, kafka, reader, null, projector,
                () -> generation, properties.pollTimeout(), properties.retryBackoff(), properties.maxRetryBackoff(), false,
                // re-reads what the live consumer counted and traced already
                IngestMetrics.NONE, RecordSpans.NONE);
        Status status = new Status(generation, State.RUNNING, generation, previous, Instant.now(), null, -1, null);
        rebuilds.put(generation, status);
        consumer.onBatch((c, records) -> checkCaughtUp(generation, c, consumer));
        running = consumer;
        Thread thread = new Thread(() -> {
            try {
                consumer.run();
            } catch (RuntimeException | Error e) { // an Error too: the status must not stay RUNNING
                String reason = LogSafe.exception(e);
                log.error("Rebuild into generation {} failed: {} at {}", generation, reason, LogSafe.frames(e, 8));
                rebuilds.computeIfPresent(generation, (id, s) -> new Status(id, State.FAILED, s.generation(),
                        s.previousGeneration(), s.startedAt(), Instant.now(), s.lag(), reason));
            } finally {
                synchronized (this) {
                    running = null;
                }
            }
        }, "reporting-rebuild-g" + generation);
        thread.start();
        log.info("Rebuild into generation {} started over {}", generation, partitions);
        return status;
    }

    private void checkCaughtUp(int generation, Consumer<String, byte[]> kafka, ReadModelConsumer consumer) {
        Map<TopicPartition, Long> ends = kafka.endOffsets(kafka.assignment());
        long lag = 0;
        Map<String, Long> positions = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long position = kafka.position(end.getKey());
            lag += Math.max(0, end.getValue() - position);
            positions.put(end.getKey().topic() + ":" + end.getKey().partition(), position);
        }
        long currentLag = lag;
        if (currentLag > 0) {
            rebuilds.computeIfPresent(generation, (id, s) -> new Status(id, s.state(), s.generation(),
                    s.previousGeneration(), s.startedAt(), null, currentLag, null));
            return;
        }
        store.switchTo(generation, positions);
        rebuilds.computeIfPresent(generation, (id, s) -> new Status(id, State.COMPLETED, s.generation(),
                s.previousGeneration(), s.startedAt(), Instant.now(), 0, null));
        log.info("Rebuild caught up; generation {} is active, live consumer re-reads from {}", generation, positions);
        consumer.stop();
    }

    public Optional<Status> status(int id) {
        return Optional.ofNullable(rebuilds.get(id));
    }

    public List<Status> all() {
        return rebuilds.values().stream().sorted((a, b) -> Integer.compare(b.id(), a.id())).toList();
    }

    public void stopRunning() {
        ReadModelConsumer consumer = running;
        if (consumer != null) {
            consumer.stop();
        }
    }
}
