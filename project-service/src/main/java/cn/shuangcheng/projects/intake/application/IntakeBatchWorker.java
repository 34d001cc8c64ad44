package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.support.concurrent.DaemonThreads;
import cn.shuangcheng.projects.intake.api.RowOutcome;
import cn.shuangcheng.projects.intake.mongo.IntakeBatchStore;
import cn.shuangcheng.projects.intake.mongo.IntakeBatchLeases;
import cn.shuangcheng.projects.intake.mongo.BatchLease;
import cn.shuangcheng.support.outage.Backoff;
import cn.shuangcheng.support.logging.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Processes stored batches in the background (the submission answered 202), one at a time and row by row, in
 * turns of {@value #SLICE} rows: a batch with rows left goes behind the batches queued meanwhile, so a small batch
 * is not held behind a large one. When others wait, the batch's lease is released between turns, so that an idle
 * instance may take its next turn.
 * Each row's outcome is saved as soon as it is known, so a retry, a restart or another instance resumes with the
 * rows still pending; a row applied but not recorded (the instance died in between) is applied again and comes out
 * UNCHANGED, because applying an item is idempotent.
 * <p>
 * One instance at a time works on a batch: it claims a lease first ({@link IntakeBatchLeases}), renews it every
 * {@code renewal} while it holds it ({@link HeldBatches}), and every write it makes for the batch names the lease's
 * epoch. When such a write matches nothing, another instance has taken the batch over: this one stops at once and
 * marks nothing. Every {@code renewal} the worker also looks for batches no live instance holds (left by an earlier
 * run, or by an owner that stopped renewing) and claims them.
 * <p>
 * What fails is sorted by cause. A row that cannot be read, bound or applied is that row's REJECTED outcome and
 * the batch goes on. When MongoDB (or anything else around the row) fails, the batch is tried again after a
 * backoff that doubles up to {@code retryMaxBackoff}, for as long as the instance lives, under the lease it holds:
 * it never stays PROCESSING while a worker is there to finish it. The worker's threads catch everything,
 * {@link Error}s included, so they outlive whatever one batch does.
 */
public class IntakeBatchWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeBatchWorker.class);
    private static final int PAGE = 100;
    /**
     * Rows of a batch worked on before the batches queued behind it get their turn: one client's 10,000-row batch
     * would otherwise hold every other batch behind it for as long as it takes. Its lease is released between turns
     * when others wait, kept otherwise.
     */
    static final int SLICE = 500;

    private final IntakeBatchStore store;
    private final IntakeBatchLeases leases;
    private final HeldBatches held;
    private final IntakeProcessor processor;
    private final IntakeRowBinder binder;
    private final IntakeMetrics metrics;
    private final Backoff backoff;
    private final Duration renewal;
    /**
     * A row's change is sent only while the lease was renewed less than this ago (the lease less one renewal
     * interval): then at least one interval of the lease is left, so a stall after the check still ends within it.
     */
    private final Duration writeWithin;
    /** Batches waiting for the worker's thread or being processed by it: each is queued once. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /**
     * Per batch between its turns, the last row this worker recorded: every row up to it has an outcome, so the next
     * turn reads on from there instead of from the first row again.
     */
    private final Map<String, Integer> resumeAfter = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor executor = DaemonThreads.scheduler("intake-batches");
    private final ScheduledThreadPoolExecutor heartbeat = DaemonThreads.scheduler("intake-batch-leases");

    public IntakeBatchWorker(IntakeBatchStore store, IntakeBatchLeases leases, IntakeProcessor processor,
                      IntakeRowBinder binder, IntakeMetrics metrics, Duration firstBackoff, Duration maxBackoff,
                      Duration renewal) {
        this.store = store;
        this.leases = leases;
        this.held = new HeldBatches(leases, metrics);
        this.processor = processor;
        this.binder = binder;
        this.metrics = metrics;
        this.backoff = new Backoff(firstBackoff, maxBackoff);
        this.renewal = renewal;
        this.writeWithin = leases.lease().minus(renewal);
        // a retry waiting when the instance stops is not run: the lease is released and any instance resumes it
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Starts the heartbeat: now and every {@code renewal}, renews the leases held here, then claims what no live
     * instance holds (what an earlier run left unfinished, what a dead owner stopped renewing).
     */
    public void start() {
        heartbeat.scheduleWithFixedDelay(this::beat, 0, renewal.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            held.renewAll();
            if (!executor.isShutdown()) {
                leases.claimable().forEach(this::submit);
            }
        } catch (Throwable e) {
            // a failed beat must not end the schedule: the next one asks again
            log.warn("cannot list the intake batches to take over ({}); asking again in {}", LogSafe.text(e),
                    renewal);
        }
    }

    /** Queues the batch unless it is queued already; it is processed here if this instance can claim it. */
    public void submit(String batchId) {
        if (queued.add(batchId)) {
            attempt(batchId, 0);
        }
    }

    /** Whether a batch is queued or being processed here. */
    public boolean busy() {
        return !queued.isEmpty();
    }

    private void attempt(String batchId, int failures) {
        Runnable task = () -> {
            try {
                if (process(batchId)) {
                    resumeAfter.remove(batchId);
                    queued.remove(batchId);
                } else {
                    attempt(batchId, 0); // a slice done: behind the batches queued meanwhile
                }
            } catch (Throwable e) {
                if (executor.isShutdown()) {
                    return; // stopping: the lease is released and the batch resumed elsewhere or at the next start
                }
                Duration wait = backoff.afterFailures(failures);
                metrics.batchRetried();
                log.warn("intake batch {} interrupted ({}); it is tried again in {} (attempt {})", batchId,
                        LogSafe.text(e), wait, failures + 2);
                executor.schedule(() -> attempt(batchId, failures + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
        if (failures == 0) {
            executor.execute(task);
        } else {
            task.run();
        }
    }

    /** Works on the batch for a slice of rows; false when rows are left for its next turn. */
    private boolean process(String batchId) {
        HeldBatches.Held batch = held.get(batchId);
        long askedAt = System.nanoTime();
        if (batch == null) {
            Optional<BatchLease> claimed = leases.claim(batchId);
            if (claimed.isEmpty()) {
                return true; // completed, refused after all, or held by another live instance: nothing to do here
            }
            batch = held.hold(claimed.get(), askedAt);
        } else if (!leases.renew(batch.lease())) {
            held.lost(batch, "resuming it");
            return true;
        } else {
            batch.renewed(askedAt);
        }
        BatchLease lease = batch.lease();
        if (!batch.isFenced()) {
            leases.fenceRows(lease);
            batch.fenced();
        }
        int after = resumeAfter.getOrDefault(batchId, 0);
        int done = 0;
        for (List<IntakeBatchStore.StoredRow> rows = store.pendingRows(batchId, after, PAGE); !rows.isEmpty();
             rows = store.pendingRows(batchId, after, PAGE)) {
            for (IntakeBatchStore.StoredRow row : rows) {
                if (batch.isLost()) {
                    return true; // the heartbeat found it taken over (logged and counted there)
                }
                if (done == SLICE) {
                    resumeAfter.put(batchId, after);
                    if (!executor.getQueue().isEmpty()) {
                        held.release(batch); // others wait: any instance may take this batch's next turn
                    }
                    return false;
                }
                RowOutcome outcome = outcomeOf(row, lease.principal(), batchId, batch);
                if (!store.recordOutcome(lease, outcome)) {
                    held.lost(batch, "recording row " + row.row());
                    return true;
                }
                metrics.row(IntakeMetrics.Channel.REST, outcome);
                after = row.row();
                done++;
            }
        }
        if (!batch.completing()) {
            return true; // lost meanwhile (logged and counted by the heartbeat)
        }
        if (!leases.complete(lease)) {
            held.lost(batch, "completing it");
            return true;
        }
        held.done(batch);
        return true;
    }

    /** The row's outcome; only a failure of the infrastructure leaves it without one (thrown). */
    private RowOutcome outcomeOf(IntakeBatchStore.StoredRow row, String principal, String batchId,
                                 HeldBatches.Held batch) {
        if (row.itemJson() == null) {
            return RowOutcome.rejected(row.row(), null, null, List.of(new RowOutcome.FieldError("item",
                    row.refusal() == null ? "is missing" : row.refusal())));
        }
        try {
            IntakeRowBinder.Bound bound = binder.bind(row.itemJson());
            return bound.item() == null
                    ? RowOutcome.rejected(row.row(), bound.externalRef(), null, bound.errors())
                    : processor.apply(row.row(), bound.item(), principal, batchId,
                            () -> batch.renewedWithin(writeWithin));
        } catch (InfrastructureUnavailableException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // the row itself is the cause (it would fail the same way every time): its rejection, not the batch's
            log.warn("intake batch {} row {} could not be applied: {}", batchId, row.row(), LogSafe.text(e));
            return RowOutcome.rejected(row.row(), null, null, List.of(new RowOutcome.FieldError("item",
                    "could not be applied (" + e.getClass().getSimpleName() + "); nothing of it was stored")));
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            // a row interrupted now changes nothing: it is all or nothing, and resumed by whoever claims the batch
            executor.shutdownNow();
            executor.awaitTermination(20, TimeUnit.SECONDS);
        }
        heartbeat.shutdownNow();
        heartbeat.awaitTermination(10, TimeUnit.SECONDS);
        held.releaseAll();
    }
}
