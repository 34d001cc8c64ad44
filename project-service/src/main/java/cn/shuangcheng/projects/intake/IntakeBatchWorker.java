package cn.shuangcheng.projects.intake;

import cn.shuangcheng.support.logging.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Processes stored batches one at a time, row by row, in the background (the submission answered 202).
 * Each row's outcome is saved as soon as it is known, so a retry or a restart resumes with the rows still pending;
 * a row processed twice across a crash does no harm, because applying an item is idempotent.
 * <p>
 * What fails is sorted by cause. A row that cannot be read, bound or applied is that row's REJECTED outcome and
 * the batch goes on. When MongoDB (or anything else around the row) fails, the batch is tried again after a
 * backoff that doubles up to {@code retryMaxBackoff}, for as long as the instance lives: it never stays PROCESSING
 * while a worker is there to finish it. The worker's thread catches everything, {@link Error}s included, so it
 * outlives whatever one batch does.
 */
public class IntakeBatchWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeBatchWorker.class);
    private static final int PAGE = 100;

    private final IntakeBatchStore store;
    private final IntakeProcessor processor;
    private final IntakeRowBinder binder;
    private final IntakeMetrics metrics;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "intake-batches");
        thread.setDaemon(true);
        return thread;
    });

    IntakeBatchWorker(IntakeBatchStore store, IntakeProcessor processor, IntakeRowBinder binder,
                      IntakeMetrics metrics, Duration firstBackoff, Duration maxBackoff) {
        this.store = store;
        this.processor = processor;
        this.binder = binder;
        this.metrics = metrics;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        // a retry waiting when the instance stops is not run: the next start resumes the batch
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Picks up what an earlier run left unfinished; when MongoDB cannot say, asks again later. */
    public void resumeUnfinished() {
        executor.execute(() -> {
            try {
                store.unfinished().forEach(this::submit);
            } catch (Throwable e) {
                if (!executor.isShutdown()) {
                    log.warn("cannot list unfinished intake batches ({}); trying again in {}", e.toString(),
                            maxBackoff);
                    executor.schedule(this::resumeUnfinished, maxBackoff.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    public void submit(String batchId) {
        attempt(batchId, 0);
    }

    private void attempt(String batchId, int failures) {
        Runnable task = () -> {
            try {
                process(batchId);
            } catch (Throwable e) {
                if (executor.isShutdown()) {
                    return; // stopping: the batch stays as it is and the next start resumes it
                }
                Duration backoff = backoff(failures);
                metrics.batchRetried();
                log.warn("intake batch {} interrupted ({}); it is tried again in {} (attempt {})", batchId,
                        LogSafe.text(e), backoff, failures + 2);
                executor.schedule(() -> attempt(batchId, failures + 1), backoff.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
        if (failures == 0) {
            executor.execute(task);
        } else {
            task.run();
        }
    }

    private Duration backoff(int failures) {
        long millis = firstBackoff.toMillis() << Math.min(failures, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    private void process(String batchId) {
        String principal = store.principalOf(batchId);
        if (principal == null) {
            return; // refused or lost the claim after all: nothing to do
        }
        store.markProcessing(batchId);
        int after = 0;
        for (List<IntakeBatchStore.StoredRow> rows = store.pendingRows(batchId, after, PAGE); !rows.isEmpty();
             rows = store.pendingRows(batchId, after, PAGE)) {
            for (IntakeBatchStore.StoredRow row : rows) {
                RowOutcome outcome = outcomeOf(row, principal, batchId);
                store.recordOutcome(batchId, outcome);
                metrics.row(IntakeMetrics.Channel.REST, outcome);
                after = row.row();
            }
        }
        store.complete(batchId);
    }

    /** The row's outcome; only a failure of the infrastructure leaves it without one (thrown). */
    private RowOutcome outcomeOf(IntakeBatchStore.StoredRow row, String principal, String batchId) {
        if (row.itemJson() == null) {
            return RowOutcome.rejected(row.row(), null, null, List.of(new RowOutcome.FieldError("item",
                    row.refusal() == null ? "is missing" : row.refusal())));
        }
        try {
            IntakeRowBinder.Bound bound = binder.bind(row.itemJson());
            return bound.item() == null
                    ? RowOutcome.rejected(row.row(), bound.externalRef(), null, bound.errors())
                    : processor.apply(row.row(), bound.item(), principal, batchId);
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
            // a row interrupted now changes nothing: it is all or nothing, and resumed at the next start
            executor.shutdownNow();
            executor.awaitTermination(20, TimeUnit.SECONDS);
        }
    }
}
