package cn.shuangcheng.system.faults;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one scenario's stream sent and what it was answered: the suite's side of the reconciliation. Counts are of
 * commands, and every command the stream sends decides exactly one event.
 */
final class StreamLedger {

    final String scenario;
    final int planned;
    final List<PlannedProject> projects = new CopyOnWriteArrayList<>();
    final List<SubmittedBatch> batches = new CopyOnWriteArrayList<>();
    /** Commands sent (a resend of the same command is not counted again). */
    final AtomicInteger sent = new AtomicInteger();
    /** Commands answered 2xx (possibly to a resend). */
    final AtomicInteger acknowledged = new AtomicInteger();
    /** Commands never answered 2xx whose effect the write service shows: present, so not sent again. */
    final AtomicInteger presentUnanswered = new AtomicInteger();
    /** Attempts answered 5xx, 409 or not at all. */
    final AtomicInteger failedAttempts = new AtomicInteger();
    /** {@code aggregate#sequence} of every event a 2xx answer named. */
    final Set<String> acknowledgedEvents = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastAcknowledged = new AtomicLong(System.nanoTime());
    private final AtomicLong longestWait = new AtomicLong();

    /** The cadre-service commands sent alongside. */
    final CadreLedger cadres;

    StreamLedger(String scenario, int planned) {
        this(scenario, planned, 0);
    }

    StreamLedger(String scenario, int planned, int plannedCadreCommands) {
        this.scenario = scenario;
        this.planned = planned;
        this.cadres = new CadreLedger(plannedCadreCommands);
    }

    void acknowledged(String aggregate, long sequence) {
        acknowledged.incrementAndGet();
        acknowledgedEvents.add(aggregate + "#" + sequence);
        long now = System.nanoTime();
        long waited = now - lastAcknowledged.getAndSet(now);
        longestWait.accumulateAndGet(waited, Math::max);
    }

    /** The share of the planned commands sent so far, 0 to 1. */
    double progress() {
        return planned == 0 ? 1 : (double) sent.get() / planned;
    }

    /** The longest time without any acknowledged command: what writers saw of the fault, in ms. */
    long longestWaitMillis() {
        return longestWait.get() / 1_000_000;
    }
}
