package cn.shuangcheng.system.faults;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cadre side of one scenario's stream ({@link CadreStream}): its exchange batch, its secondments, and the commands
 * sent to cadre-service and how they were answered. A registration decides two events (the batch's place, then the
 * secondment); every other command one.
 */
final class CadreLedger {

    final int planned;
    final List<PlannedSecondment> secondments = new CopyOnWriteArrayList<>();
    /** The scenario's exchange batch: its number and its aggregate id, once created. */
    volatile int batchNumber;
    volatile String batchId;
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger presentUnanswered = new AtomicInteger();
    final AtomicInteger failedAttempts = new AtomicInteger();
    /** The kind of command whose request is on its way now ("registration", "/arrival", ...), or null. */
    volatile String inFlight;
    /** {@code aggregate#sequence} of every event a 2xx answer named. */
    final Set<String> acknowledgedEvents = ConcurrentHashMap.newKeySet();

    CadreLedger(int planned) {
        this.planned = planned;
    }

    void acknowledged(String aggregate, long sequence) {
        acknowledged.incrementAndGet();
        acknowledgedEvents.add(aggregate + "#" + sequence);
    }

    /** The share of the planned commands sent so far, 0 to 1. */
    double progress() {
        return planned == 0 ? 1 : (double) sent.get() / planned;
    }

    /** Registrations that took effect: the places the batch must have given. */
    long registered() {
        return secondments.stream().filter(s -> s.id != null).count();
    }
}
