package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.domain.Period;
import cn.shuangcheng.cadres.exchange.mongo.ReservedPeriods;
import cn.shuangcheng.cadres.exchange.mongo.ReservedPeriods.Pending;
import cn.shuangcheng.cadres.exchange.mongo.ReservedPeriods.Snapshot;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.kernel.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

/**
 * "One person never has two overlapping secondments", a rule across aggregates, decided before a write that makes a
 * period longer (a registration, an extension, a completion after the planned end) is sent on. Writes that only
 * shorten a period (an early end, a completion on or before the planned end) cannot break it and are not held up.
 * <p>
 * A decision reads the person's {@link ReservedPeriods} first, then the person's stored secondments (the event store,
 * the truth), refuses an overlap with either, and then reserves its own period with a compare-and-set on the
 * version it read. A lost compare-and-set means another decision for the person was written since: read both again
 * and decide again. Because the reservations are read before the stored periods, a change that released its
 * reservation has been stored (or refused) before this decision looked at the event store; and one that had not is
 * still reserved. Two overlapping writes for one person can therefore not both pass, whatever instance serves them.
 * The reservation is released when the write has been stored or refused.
 * <p>
 * A reservation outlives a crashed instance by the grace of {@link ReservedPeriods}. So that a write never reaches
 * the event store after its reservation may have lapsed, it is sent only while it is younger than half the grace,
 * on this instance's monotonic clock ({@link Reservation#requireFresh()}); the residue is a pause of that length
 * inside the command itself, which is logged.
 */
@Component
record OverlapRule(ReservedPeriods reserved, CadreRegistry registry, SecondmentPeriods periods) {

    private static final Logger log = LoggerFactory.getLogger(OverlapRule.class);

    /** Decisions for one person that may come first before this one gives up with 409. */
    private static final int ATTEMPTS = 16;

    /**
     * A period reserved for a write that is being carried out.
     *
     * @param reservedAtNanos when the snapshot was read whose server time the reservation carries as its since
     */
    record Reservation(Duration freshFor, long reservedAtNanos) {

        /** Before every attempt to store the write: refused (409, nothing stored) once half the grace is gone. */
        void requireFresh() {
            if (age().compareTo(freshFor) > 0) {
                throw new StateConflictException("this change to the cadre's secondments took too long to be "
                        + "carried out and was not stored; retry");
            }
        }

        private Duration age() {
            return Duration.ofNanos(System.nanoTime() - reservedAtNanos);
        }
    }

    /**
     * Decides that {@code wanted} overlaps none of the person's other secondments, reserved or stored, reserves it
     * and runs {@code write}; 409 if it overlaps, or if another change of the same secondment is being made.
     */
    <T> T change(String cadreId, Period wanted, Function<Reservation, T> write) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            // others measure the reservation's lapse from the snapshot's server time, so its age starts here, not
            // after the decision (registry and stored periods read, compare-and-set), which may take long
            long readAtNanos = System.nanoTime();
            Snapshot seen = reserved.read(cadreId);
            for (Pending other : seen.pending()) {
                if (reserved.lapsed(other, seen)) {
                    continue;
                }
                if (other.secondmentId().equals(wanted.secondmentId())) {
                    throw new StateConflictException("another change to secondment " + wanted.secondmentId()
                            + " is being made; retry in a moment");
                }
                requireNoOverlap(other.period(), wanted, "a change being made to another secondment of the cadre");
            }
            for (String secondmentId : registry.secondmentsOf(cadreId)) {
                if (!secondmentId.equals(wanted.secondmentId())) {
                    periods.of(secondmentId).ifPresent(stored ->
                            requireNoOverlap(stored, wanted, "the cadre already has a secondment"));
                }
            }
            Pending mine = new Pending(wanted.secondmentId(), UUID.randomUUID().toString(), wanted.startOn(),
                    wanted.endOn(), seen.serverTime());
            if (reserved.reserve(seen, mine)) {
                return carryOut(cadreId, mine, readAtNanos, write);
            }
        }
        throw new StateConflictException("other changes to this cadre's secondments kept coming first; retry in a "
                + "moment");
    }

    private <T> T carryOut(String cadreId, Pending mine, long readAtNanos, Function<Reservation, T> write) {
        Reservation reservation = new Reservation(reserved.grace().dividedBy(2), readAtNanos);
        boolean mayStillLand = false;
        try {
            return write.apply(reservation);
        } catch (RuntimeException e) {
            // An append MongoDB did not answer may still be stored: the period stays reserved until the grace ends,
            // so that a retry of the same person cannot be decided meanwhile against a store that lacks it.
            mayStillLand = UnclearAppends.mayStillLand(e);
            throw e;
        } finally {
            if (reservation.age().compareTo(reserved.grace()) > 0) {
                log.warn("a change to secondment {} took {} s, longer than the reservation grace; it may have been "
                        + "stored after its reservation lapsed", mine.secondmentId(), reservation.age().toSeconds());
            }
            try {
                if (!mayStillLand) {
                    reserved.release(cadreId, mine.token());
                }
            } catch (RuntimeException e) {
                // The write's own answer matters more; the reservation lapses after the grace.
                log.warn("releasing the reservation of secondment {} failed ({}); it lapses after {}",
                        mine.secondmentId(), e.getClass().getSimpleName(), reserved.grace());
            }
        }
    }

    /**
     * The message names the dates, never the person nor the other secondment: a caller without {@code cadres:pii}
     * could otherwise link a personnel number it sent to a secondment id, and read that secondment.
     */
    private static void requireNoOverlap(Period other, Period wanted, String what) {
        if (other.overlaps(wanted.startOn(), wanted.endOn())) {
            throw new StateConflictException(what + " from " + other.startOn() + " to "
                    + other.endOn() + ", which overlaps " + wanted.startOn() + " to " + wanted.endOn()
                    + "; one person never has two overlapping secondments");
        }
    }
}
