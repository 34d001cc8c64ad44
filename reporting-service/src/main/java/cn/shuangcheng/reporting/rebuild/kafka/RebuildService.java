package cn.shuangcheng.reporting.rebuild.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.shuangcheng.reporting.rebuild.application.Rebuilds;
import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.ingestion.kafka.CloudEventReader;
import cn.shuangcheng.reporting.ingestion.kafka.ConsumerMode;
import cn.shuangcheng.reporting.ingestion.kafka.KafkaClients;
import cn.shuangcheng.reporting.ingestion.mongo.Projector;
import cn.shuangcheng.reporting.ingestion.kafka.ReadModelConsumer;
import cn.shuangcheng.reporting.readmodel.mongo.GenerationLedger;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.support.logging.LogSafe;

/**
 * Rebuilds the read models from the topics: a consumer outside any group, assigned every partition of both topics
 * from the beginning, folds everything into a fresh generation of collections while queries keep reading the active
 * one. When its lag is zero on every partition it makes the new generation active, with the offsets it stopped at as
 * the generation's start offsets (from which the live consumers read every partition into it), and stops. Unreadable
 * records are counted, not sent to the dead-letter topic again (the live consumer did that when it first met them).
 *
 * <p>The rebuild and its status live in MongoDB ({@link GenerationLedger}), shared by every instance: starting is an
 * atomic claim of the next generation (a second start anywhere is a conflict while one runs), the heartbeat is renewed
 * after every poll and fenced by the claim, and so is the switch. An instance that finds its claim gone (it was
 * paused past the heartbeat timeout and another instance took over) stops without switching. What it wrote in the
 * meantime went to its own generation, which no other instance writes (each generation is claimed once) and which can
 * no longer become active (only its claim could switch to it).
 */
public final class RebuildService implements Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    private static final int LISTED = 100;

    private final ReportingProperties properties;
    private final KafkaClients clients;
    private final CloudEventReader reader;
    private final Projector projector;
    private final ReadModelStore store;
    private final GenerationLedger ledger;
    private final String owner = instanceName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private volatile ReadModelConsumer running;
    private volatile Thread thread;

    public RebuildService(ReportingProperties properties, KafkaClients clients, CloudEventReader reader,
                          Projector projector, ReadModelStore store) {
        this.properties = properties;
        this.clients = clients;
        this.reader = reader;
        this.projector = projector;
        this.store = store;
        this.ledger = store.generations();
    }

    @Override
    public synchronized Status start() {
        if (running != null) {
            throw new StateConflictException("A rebuild is already running.");
        }
        GenerationLedger.Claim claim = ledger.claim(owner, properties.rebuildHeartbeatTimeout());
        int generation = claim.generation();
        ReadModelConsumer consumer;
        SkippedRecords skipped = new SkippedRecords();
        List<TopicPartition> partitions = new ArrayList<>();
        KafkaConsumer<String, byte[]> kafka = null;
        try {
            store.drop(generation); // ours alone: the claim gave this generation to this instance only
            store.ensureIndexes(generation);
            kafka = clients.consumer(null, "reporting-rebuild-g" + generation);
            for (String topic : List.of(properties.projectTopic(), properties.cadreTopic())) {
                // within a quarter of the heartbeat's timeout, as every Kafka call of a rebuild: not the client's
                // default minute, which would hold the admin's request and outlast the claim in an outage (then 503)
                List<PartitionInfo> infos = kafka.partitionsFor(topic,
                        properties.rebuildHeartbeatTimeout().dividedBy(4));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            // re-reads what the live consumer committed, parked, counted and traced already
            consumer = new ReadModelConsumer(ConsumerMode.rebuild(generation, skipped), kafka, reader, projector,
                    () -> generation, properties);
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            ledger.fail(claim, LogSafe.exception(e));
            throw e;
        }
        ReadModelConsumer rebuilding = consumer;
        rebuilding.onBatch((c, records) -> afterPoll(claim, c, rebuilding, skipped));
        running = rebuilding;
        thread = new Thread(() -> run(claim, rebuilding), "reporting-rebuild-g" + generation);
        thread.start();
        log.info("Rebuild into generation {} started by {} over {}", generation, owner, partitions);
        return new Status(generation, State.RUNNING, generation, claim.previousGeneration(), Instant.now(), null,
                RebuildProgress.UNKNOWN, null, Map.of());
    }

    private void run(GenerationLedger.Claim claim, ReadModelConsumer consumer) {
        String reason = "stopped before it caught up"; // marked so only if not switched and the claim still held
        try {
            consumer.run();
        } catch (RuntimeException | Error e) { // an Error too: the status must not stay RUNNING
            reason = LogSafe.exception(e);
            log.error("Rebuild into generation {} failed: {} at {}", claim.generation(), reason, LogSafe.frames(e, 8));
        } finally {
            try {
                ledger.fail(claim, reason);
            } catch (RuntimeException e) {
                log.warn("Rebuild into generation {} could not be marked FAILED ({}); it will be once its heartbeat "
                        + "expires", claim.generation(), LogSafe.exception(e));
            }
            synchronized (this) {
                running = null;
            }
        }
    }

    /** Renews the heartbeat with the lag, or switches when the lag is zero; stops when the claim was lost. */
    private void afterPoll(GenerationLedger.Claim claim, Consumer<String, byte[]> kafka, ReadModelConsumer consumer,
                           SkippedRecords skipped) {
        noteSkipped(claim, skipped);
        // a quarter of the heartbeat's timeout for each answer: the heartbeat below is renewed well within it
        RebuildProgress progress = RebuildProgress.of(kafka, properties.rebuildHeartbeatTimeout().dividedBy(4));
        if (progress.lag() == RebuildProgress.UNKNOWN) {
            log.warn("Rebuild into generation {} cannot tell how far it is behind: Kafka did not answer; it reads on "
                    + "and asks again", claim.generation());
        }
        if (!progress.caughtUp()) {
            if (!renew(claim, progress.lag())) {
                log.warn("Rebuild into generation {} lost its claim (taken for dead by another instance); stopping",
                        claim.generation());
                consumer.stop();
            }
            return;
        }
        Map<String, Long> positions = progress.positions();
        boolean switched;
        try {
            switched = ledger.complete(claim, positions);
        } catch (RuntimeException e) { // MongoDB unavailable: tried again after the next poll
            log.warn("Rebuild into generation {} caught up but could not switch yet: {}", claim.generation(),
                    LogSafe.exception(e));
            return;
        }
        if (switched) {
            log.info("Rebuild caught up; generation {} is active, every partition is read into it from {}",
                    claim.generation(), positions);
        } else {
            log.warn("Rebuild into generation {} caught up but lost its claim; not switching", claim.generation());
        }
        consumer.stop();
    }

    /** Before the switch too: a generation made active shows what it lacks. */
    private void noteSkipped(GenerationLedger.Claim claim, SkippedRecords skipped) {
        Map<String, Long> changed = skipped.changed();
        if (changed == null) {
            return;
        }
        try {
            ledger.noteSkipped(claim, changed);
            skipped.noted(changed);
            log.warn("Rebuild into generation {} has left out records it could not apply: {}", claim.generation(),
                    changed);
        } catch (RuntimeException e) { // MongoDB unavailable: tried again after the next poll
            log.warn("Rebuild into generation {} could not record what it left out: {}", claim.generation(),
                    LogSafe.exception(e));
        }
    }

    private boolean renew(GenerationLedger.Claim claim, long lag) {
        try {
            return ledger.renew(claim, lag);
        } catch (RuntimeException e) { // MongoDB unavailable: the batches fail and are retried too; the claim decides
            log.warn("Rebuild into generation {} could not renew its heartbeat: {}", claim.generation(),
                    LogSafe.exception(e));
            return true;
        }
    }

    /** A rebuild of any instance, from MongoDB. */
    @Override
    public Optional<Status> status(int id) {
        return ledger.find(id, properties.rebuildHeartbeatTimeout()).map(RebuildService::status);
    }

    /** The latest rebuilds of all instances, newest first. */
    @Override
    public List<Status> all() {
        return ledger.latest(LISTED).stream().map(RebuildService::status).toList();
    }

    private static Status status(Document rebuild) {
        int generation = rebuild.getInteger("_id");
        Date completedAt = rebuild.getDate("completedAt");
        return new Status(generation, State.valueOf(rebuild.getString("state")), generation,
                rebuild.getInteger("previousGeneration"), rebuild.getDate("startedAt").toInstant(),
                completedAt == null ? null : completedAt.toInstant(), ((Number) rebuild.get("lag")).longValue(),
                rebuild.getString("error"), skipped(rebuild));
    }

    private static Map<String, Long> skipped(Document rebuild) {
        Document skipped = rebuild.get("skipped", Document.class);
        Map<String, Long> byReason = new java.util.TreeMap<>();
        if (skipped != null) {
            skipped.forEach((reason, count) -> byReason.put(reason, ((Number) count).longValue()));
        }
        return byReason;
    }

    /** Stops this instance's rebuild (shutdown); it is marked FAILED, so that another may start at once. */
    public void stopRunning() {
        ReadModelConsumer consumer = running;
        Thread rebuilding = thread;
        if (consumer != null) {
            consumer.stop();
            try {
                rebuilding.join(10_000); // while MongoDB is still open to take the FAILED
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The pod's name in Kubernetes (HOSTNAME), to tell operators which instance runs a rebuild. */
    private static String instanceName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "instance" : host;
    }
}
