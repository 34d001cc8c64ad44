package cn.shuangcheng.system.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/** A scenario while its streams run: the project stream and the cadre stream alongside. */
record Running(StreamLedger ledger, int year, Future<?> stream, Future<?> cadreStream, Duration longest) {

    void awaitProgress(double fraction) {
        awaitUntil(Math.round(fraction * 100) + "% of the stream", () -> ledger.progress() >= fraction
                || stream.isDone());
        requireNotFailed(stream, "the project stream");
    }

    /** A stream that died is the scenario's failure, with its cause, not a wait that runs out later. */
    static void requireNotFailed(Future<?> stream, String which) {
        if (stream.isDone()) {
            try {
                stream.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(which + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(which + " was interrupted", e);
            }
        }
    }

    void awaitCadreProgress(double fraction) {
        awaitUntil(Math.round(fraction * 100) + "% of the cadre stream",
                () -> ledger.cadres.progress() >= fraction || cadreStream.isDone());
    }

    void awaitEnd() {
        awaitUntil("the end of the streams", () -> stream.isDone() && cadreStream.isDone());
    }

    void awaitUntil(String what, Callable<Boolean> condition) {
        await(what).atMost(longest).pollInterval(Duration.ofMillis(100)).until(condition);
    }
}
