package cn.shuangcheng.projects.intake;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Processes stored batches one at a time, row by row, in the background (the submission answered 202).
 * Each row's outcome is saved as soon as it is known, so a restart resumes with the rows still pending;
 * a row processed twice across a crash does no harm, because applying an item is idempotent.
 */
public class IntakeBatchWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeBatchWorker.class);

    private final IntakeBatchStore store;
    private final IntakeProcessor processor;
    private final IntakeRowBinder binder;
    private final IntakeMetrics metrics;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "intake-batches");
        thread.setDaemon(true);
        return thread;
    });

    IntakeBatchWorker(IntakeBatchStore store, IntakeProcessor processor, IntakeRowBinder binder,
                      IntakeMetrics metrics) {
        this.store = store;
        this.processor = processor;
        this.binder = binder;
        this.metrics = metrics;
    }

    /** Picks up what an earlier run left unfinished. */
    public void resumeUnfinished() {
        store.unfinished().forEach(this::submit);
    }

    public void submit(String batchId) {
        executor.submit(() -> {
            try {
                process(batchId);
            } catch (RuntimeException e) {
                // The batch stays PROCESSING with its pending rows; the next start resumes it.
                log.error("intake batch {} stopped; it resumes at the next start", batchId, e);
            }
        });
    }

    private void process(String batchId) {
        String principal = store.principalOf(batchId);
        store.markProcessing(batchId);
        for (Document row : store.pendingRows(batchId)) {
            int number = row.getInteger("row");
            IntakeRowBinder.Bound bound = binder.bind(row.getString("item"));
            RowOutcome outcome = bound.item() == null
                    ? RowOutcome.rejected(number, bound.externalRef(), null, bound.errors())
                    : processor.apply(number, bound.item(), principal, batchId);
            store.recordOutcome(batchId, outcome);
            metrics.row(IntakeMetrics.Channel.REST, outcome);
        }
        store.complete(batchId);
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
