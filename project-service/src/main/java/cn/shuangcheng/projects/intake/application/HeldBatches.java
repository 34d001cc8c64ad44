package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.projects.intake.mongo.IntakeBatchLeases;
import cn.shuangcheng.projects.intake.mongo.BatchLease;
import cn.shuangcheng.support.logging.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The intake batches this instance holds a lease on, kept alive by {@link #renewAll} (the worker's heartbeat) and
 * given up at once when MongoDB says another instance has taken one over: then {@link Held#isLost()} turns true,
 * the worker stops before its next row, and the loss is logged and counted once.
 */
final class HeldBatches {

    private static final Logger log = LoggerFactory.getLogger(HeldBatches.class);

    private enum State { HOLDING, COMPLETING, LOST }

    /** One batch held: its lease, and whether it was lost since (read by the worker before every row). */
    static final class Held {

        private final BatchLease lease;
        private final AtomicReference<State> state = new AtomicReference<>(State.HOLDING);
        private final AtomicBoolean counted = new AtomicBoolean();
        /** When the lease was last claimed or renewed, on this JVM's monotonic clock. */
        private volatile long renewedAt;
        /** Whether the rows without an outcome carry this lease's epoch: done once per claim. */
        private volatile boolean fenced;

        private Held(BatchLease lease, long claimedAt) {
            this.lease = lease;
            this.renewedAt = claimedAt;
        }

        BatchLease lease() {
            return lease;
        }

        boolean isLost() {
            return state.get() == State.LOST;
        }

        boolean isFenced() {
            return fenced;
        }

        void fenced() {
            fenced = true;
        }

        /**
         * @param askedAt {@link System#nanoTime()} when the renewal was sent: the lease's new expiry is reckoned from
         *                then, so a renewal that took long leaves less of it
         */
        synchronized void renewed(long askedAt) {
            if (askedAt - renewedAt > 0) { // the later of two renewals that crossed (the heartbeat's and a retry's)
                renewedAt = askedAt;
            }
        }

        /**
         * Whether the lease was claimed or renewed less than {@code age} ago: a worker that stalled (a long GC pause,
         * a stopped process) past it may have been taken over without knowing, and must not write a row's change.
         */
        boolean renewedWithin(Duration age) {
            return System.nanoTime() - renewedAt < age.toNanos();
        }

        /**
         * The worker is about to mark the batch COMPLETED: from now on a renewal that matches nothing is the
         * completion, not a take-over. False when the batch was lost already; true again when a completion that
         * failed (MongoDB away) is tried again.
         */
        boolean completing() {
            return state.compareAndSet(State.HOLDING, State.COMPLETING) || state.get() == State.COMPLETING;
        }
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final IntakeBatchLeases leases;
    private final IntakeMetrics metrics;

    HeldBatches(IntakeBatchLeases leases, IntakeMetrics metrics) {
        this.leases = leases;
        this.metrics = metrics;
    }

    /** The batch's lease if this instance holds it (a retry goes on under the same epoch), else null. */
    Held get(String batchId) {
        return held.get(batchId);
    }

    /** @param claimedAt {@link System#nanoTime()} when the claim was sent */
    Held hold(BatchLease lease, long claimedAt) {
        Held batch = new Held(lease, claimedAt);
        held.put(lease.batchId(), batch);
        return batch;
    }

    /** The batch is completed: nothing left to renew. */
    void done(Held batch) {
        held.remove(batch.lease.batchId(), batch);
    }

    /**
     * Lets the batch go between two turns, so that any instance may take the next one (the one that claims it fences
     * the rows left with its own epoch). When MongoDB does not answer, the batch is kept, and renewed, instead.
     */
    void release(Held batch) {
        try {
            leases.release(batch.lease);
            held.remove(batch.lease.batchId(), batch);
        } catch (RuntimeException e) {
            log.warn("cannot release intake batch {} between turns ({}); it is kept", batch.lease.batchId(),
                    LogSafe.text(e));
        }
    }

    /** A write under the lease matched nothing: another instance claimed the batch. This instance lets it go. */
    void lost(Held batch, String during) {
        batch.state.set(State.LOST);
        lostNow(batch, during);
    }

    private void lostNow(Held batch, String during) {
        held.remove(batch.lease.batchId(), batch);
        if (batch.counted.compareAndSet(false, true)) {
            metrics.batchLost();
            log.warn("intake batch {} was taken over by another instance (lease epoch {} is no longer current, seen "
                    + "while {}); this instance stops working on it and marks nothing", batch.lease.batchId(),
                    batch.lease.epoch(), during);
        }
    }

    /**
     * The heartbeat: every held lease's expiry pushed out. When MongoDB cannot be reached the lease is left to run
     * out; if another instance takes the batch over meanwhile, the epoch refuses this one's later writes.
     */
    void renewAll() {
        for (Held batch : held.values()) {
            try {
                // a batch being completed matches no renewal once it is COMPLETED: that is no take-over
                long askedAt = System.nanoTime();
                if (leases.renew(batch.lease)) {
                    batch.renewed(askedAt);
                } else if (batch.state.compareAndSet(State.HOLDING, State.LOST)) {
                    lostNow(batch, "renewing its lease");
                }
            } catch (RuntimeException e) {
                log.warn("cannot renew the lease of intake batch {} ({}); trying again at the next heartbeat",
                        batch.lease.batchId(), LogSafe.text(e));
            }
        }
    }

    /** This instance stops: its batches can be taken over at once rather than when their leases expire. */
    void releaseAll() {
        for (Held batch : held.values()) {
            try {
                leases.release(batch.lease);
            } catch (RuntimeException e) {
                log.warn("cannot release intake batch {} ({}); another instance takes it over when its lease "
                        + "expires", batch.lease.batchId(), LogSafe.text(e));
            }
        }
        held.clear();
    }
}
