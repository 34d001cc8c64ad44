package cn.shuangcheng.cadres.exchange.registration;

import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.cadres.registry.CadreRegistry.PendingRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Decides the registrations whose process died in the middle. A registration claims the person in the registry (name
 * and personnel number) before its decision, and takes the claim back when it is refused; a process killed between
 * the claim and the answer can do neither, and would leave a person's data behind for a registration that never
 * happened. Such a registration stays pending in the registry, and once it is older than
 * {@code shuangcheng.cadres.abandoned-registration-after} (default 30 min: six times the reservation grace, and a
 * write is sent only within half of that grace, so no live registration is that old) this asks the event store: if
 * the secondment or its place was stored, the registration happened and is settled; if not, it is withdrawn, and a
 * person left with no secondment is deleted from the registry.
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
    private final ScheduledExecutorService timer;

    AbandonedRegistrations(CadreRegistry registry, StoredRegistrations stored, Clock clock,
                           @Value("${shuangcheng.cadres.abandoned-registration-after:PT30M}") Duration after) {
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("shuangcheng.cadres.abandoned-registration-after must be positive");
        }
        this.registry = registry;
        this.stored = stored;
        this.clock = clock;
        this.after = after;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "abandoned-registrations");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, after.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Decides every registration pending for longer than the age; answers how many were withdrawn. */
    public int sweep() {
        int withdrawn = 0;
        for (PendingRegistration pending : registry.pendingBefore(clock.instant().minus(after))) {
            if (stored.anythingStored(pending.batchId(), pending.secondmentId())) {
                registry.settle(pending.cadreId(), pending.secondmentId());
            } else {
                registry.withdraw(pending.cadreId(), pending.secondmentId());
                withdrawn++;
                // ids only: the person's name and number are what was just taken back
                log.info("withdrew registration of secondment {} (cadre {}), abandoned by a process that died",
                        pending.secondmentId(), pending.cadreId());
            }
        }
        return withdrawn;
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // MongoDB away: the next sweep tries again; nothing is lost by waiting
            log.warn("sweeping abandoned registrations failed ({}); tried again in {}", e.getClass().getSimpleName(),
                    after.dividedBy(3));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
