package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.support.concurrent.PeriodicSweep;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.cadres.registry.CadreRegistry.PendingRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides the registrations whose process died in the middle. A registration claims the person in the registry (name
 * and personnel number) before its decision, and takes the claim back when it is refused; a process killed between
 * the claim and the answer can do neither, and would leave a person's data behind for a registration that never
 * happened. Such a registration stays pending in the registry, and once it is older than
 * {@code shuangcheng.cadres.abandoned-registration-after} (default 30 min: six times the reservation grace, and a
 * write is sent only within half of that grace, so no live registration is that old; at least four times the grace,
 * or the service refuses to start) this asks the event store: if the secondment was stored, the registration
 * happened and is settled; if nothing was, it is withdrawn, and a person left with no secondment is deleted from the
 * registry (as is a new person whose registration died before even marking its secondment pending). A place taken in
 * the batch without its secondment (the process died between the two) is settled with a
 * warning: only the dead request held what the restore needs, so an operator decides about that place.
 * <p>
 * Every instance sweeps, every third of that age. Two sweeps of one registration do the same, idempotent updates.
 */
@Component
public class AbandonedRegistrations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AbandonedRegistrations.class);

    private final CadreRegistry registry;
    private final StoredRegistrations stored;
    private final Clock clock;
    private final Duration after;
    private final PeriodicSweep sweeps;

    AbandonedRegistrations(CadreRegistry registry, StoredRegistrations stored, Clock clock,
                           @Value("${shuangcheng.cadres.abandoned-registration-after:PT30M}") Duration after,
                           @Value("${shuangcheng.cadres.reservation-grace:PT5M}") Duration reservationGrace) {
        if (after.compareTo(reservationGrace.multipliedBy(4)) < 0) {
            // a registration sends its write within half the grace; well past that, no live one can be this old,
            // even with the clocks of two hosts a little apart
            throw new IllegalArgumentException("shuangcheng.cadres.abandoned-registration-after (" + after
                    + ") must be at least four times shuangcheng.cadres.reservation-grace (" + reservationGrace + ")");
        }
        this.registry = registry;
        this.stored = stored;
        this.clock = clock;
        this.after = after;
        this.sweeps = new PeriodicSweep("abandoned-registrations", "sweeping abandoned registrations",
                after.dividedBy(3), this::sweep);
    }

    /**
     * Decides every registration pending for longer than the age; answers how many were withdrawn, people deleted
     * because their registration died before adding its secondment included.
     */
    public int sweep() {
        Instant before = clock.instant().minus(after);
        int withdrawn = 0;
        for (PendingRegistration pending : registry.pendingBefore(before)) {
            if (stored.secondmentStored(pending.secondmentId())) {
                registry.settle(pending.cadreId(), pending.secondmentId());
            } else if (stored.placeStored(pending.batchId(), pending.secondmentId())) {
                // its place in the batch was taken but the secondment never stored: only the request that died could
                // have restored it. The place stays counted and the person stays: an operator decides (ids only).
                registry.settle(pending.cadreId(), pending.secondmentId());
                log.warn("registration of secondment {} (cadre {}) took its place in batch {} but its process died "
                        + "before storing the secondment: the place stays taken; check the batch", pending.secondmentId(),
                        pending.cadreId(), pending.batchId());
            } else {
                registry.withdraw(pending.cadreId(), pending.secondmentId());
                withdrawn++;
                // ids only: the person's name and number are what was just taken back
                log.info("withdrew registration of secondment {} (cadre {}), abandoned by a process that died",
                        pending.secondmentId(), pending.cadreId());
            }
        }
        // died even earlier: between claiming a new person and adding the secondment, so nothing is pending
        long neverUsed = registry.deleteNeverUsedBefore(before);
        if (neverUsed > 0) {
            log.info("deleted {} registry entries claimed by registrations that died before adding their secondment",
                    neverUsed);
        }
        return withdrawn + (int) neverUsed;
    }

    @Override
    public void close() {
        sweeps.close();
    }
}
