package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.eventhandling.EventMessage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds one append between its index reservation and its insert, as a GC pause, a SIGSTOP or a MongoDB failover
 * would: decorate the engine's reservation with {@link #decorate}, start the append with {@link #append}, let it go
 * on with {@link #release}.
 */
final class HeldWriter {

    private final CountDownLatch reserved = new CountDownLatch(1);
    private final CountDownLatch mayInsert = new CountDownLatch(1);
    private final AtomicBoolean holdNext = new AtomicBoolean(false);

    GlobalIndexReservation decorate(GlobalIndexReservation counter) {
        return count -> {
            long first = counter.reserve(count);
            if (holdNext.compareAndSet(true, false)) {
                reserved.countDown();
                SequencedMongoEventStorageEngineTest.await(mayInsert);
            }
            return first;
        };
    }

    /** Starts the append in another thread and returns once its indexes are reserved; its insert waits. */
    CompletableFuture<Void> append(SequencedMongoEventStorageEngine engine, EventMessage<?>... events)
            throws InterruptedException {
        return run(() -> engine.appendEvents(events));
    }

    /** Runs what appends (a command, say) in another thread, and returns once the append reserved its indexes. */
    CompletableFuture<Void> run(Runnable appending) throws InterruptedException {
        holdNext.set(true);
        CompletableFuture<Void> append = CompletableFuture.runAsync(appending);
        if (!reserved.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The held append did not reserve its indexes");
        }
        return append;
    }

    void release() {
        mayInsert.countDown();
    }

    /** The held append's failure once it ended, or null when it stored its events. */
    static Throwable outcome(CompletableFuture<Void> append) throws InterruptedException {
        try {
            append.get(30, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The held append did not end", e);
        }
    }
}
