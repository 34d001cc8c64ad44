package cn.shuangcheng.reporting.ingestion.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.shuangcheng.reporting.readmodel.mongo.ActiveGeneration;
import cn.shuangcheng.reporting.readmodel.mongo.PartitionMoves;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.support.logging.LogSafe;

/**
 * Keeps the partitions of one live consumer on the active generation, whoever owned them when a rebuild switched.
 * On every assignment, and after every poll in which the active generation changed, it asks MongoDB which generation
 * each assigned partition has been applied to ({@link PartitionMoves}); a partition behind the active generation is
 * moved: the move is claimed atomically, the partition is read again from the smaller of its position and the start
 * offset the rebuild recorded for the generation, and that offset is committed before the move is marked done. So a
 * partition that another instance held at the switch (and kept applying to the old generation) is read into the new
 * one from the recorded start when it comes here in a later rebalance, and a consumer started after the switch does
 * the same. Applying an event twice is a no-op (the projector's sequence guard), so reading from a smaller offset
 * than needed costs time, never data.
 *
 * <p>When MongoDB or the commit fails, the consumer's partitions are paused (it keeps polling, so it stays in the
 * group, but applies nothing to a generation it has not moved to) and the alignment is tried again after each poll.
 */
final class GenerationFollower implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(GenerationFollower.class);

    private final Consumer<String, byte[]> kafka;
    private final ReadModelStore store;
    private final String name;
    private final IntSupplier generation;
    private final IntConsumer moved;
    private boolean paused;

    /**
     * @param generation the generation the consumer writes now
     * @param moved      told the generation every assigned partition has been moved to
     */
    GenerationFollower(Consumer<String, byte[]> kafka, ReadModelStore store, String name, IntSupplier generation,
                       IntConsumer moved) {
        this.kafka = kafka;
        this.store = store;
        this.name = name;
        this.generation = generation;
        this.moved = moved;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        alignOrPause();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // nothing to hand over: the next owner reads each partition's generation from MongoDB
    }

    /** After each poll whose batch was applied: follows a switch, or tries again an alignment that failed. */
    void afterPoll() {
        if (!paused) {
            try {
                if (store.activeGeneration() == generation.getAsInt()) {
                    return;
                }
            } catch (RuntimeException e) {
                return; // MongoDB unavailable: the next batch fails and is retried anyway
            }
        }
        alignOrPause();
    }

    private void alignOrPause() {
        Set<TopicPartition> assigned = kafka.assignment();
        try {
            moved.accept(align(assigned));
            if (paused) {
                kafka.resume(kafka.paused());
                paused = false;
            }
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Consumer {}: partitions {} not aligned with the active generation ({}); paused, trying again "
                    + "after the next poll", name, assigned, LogSafe.exception(e));
            kafka.pause(assigned);
            paused = true;
        }
    }

    /** Moves every partition behind the active generation to it. @return the active generation */
    private int align(Set<TopicPartition> assigned) {
        Map<String, TopicPartition> byKey = new HashMap<>();
        assigned.forEach(p -> byKey.put(ActiveGeneration.key(p.topic(), p.partition()), p));
        PartitionMoves moves = store.partitionMoves();
        // the positions before the active generation: a partition is only ever moved to a generation once active
        Map<String, PartitionMoves.Position> positions = moves.positions(byKey.keySet());
        ActiveGeneration active = store.generations().active();
        for (Map.Entry<String, TopicPartition> entry : byKey.entrySet()) {
            String key = entry.getKey();
            TopicPartition partition = entry.getValue();
            PartitionMoves.Position at = positions.get(key);
            int applied = at == null ? active.base() : at.generation();
            if (applied == active.generation()) {
                if (at != null && at.pending()) { // its mover died before the rewind was committed
                    rewind(partition, key, at.from(), applied);
                }
                continue;
            }
            if (applied > active.generation()) {
                throw new IllegalStateException("partition " + key + " is at generation " + applied + ", ahead of "
                        + active.generation());
            }
            long from = Math.min(kafka.position(partition), active.startOffset(partition.topic(), partition.partition()));
            if (!moves.claim(key, at, active.generation(), from, name)) {
                throw new IllegalStateException("partition " + key + " was moved by another consumer meanwhile");
            }
            rewind(partition, key, from, active.generation());
        }
        return active.generation();
    }

    private void rewind(TopicPartition partition, String key, long from, int generation) {
        kafka.seek(partition, from);
        kafka.commitSync(Map.of(partition, new OffsetAndMetadata(from)));
        store.partitionMoves().done(key, generation);
        log.info("Consumer {}: partition {} moved to generation {}, read again from offset {}", name,
                LogSafe.text(key), generation, from);
    }
}
