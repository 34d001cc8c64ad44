package cn.shuangcheng.projects.cooperation.domain;

import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.projects.cooperation.api.InvestmentCorrected;
import cn.shuangcheng.projects.cooperation.api.InvestmentRecorded;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;

import java.time.Clock;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A project's completed investment month by month, as recorded or last corrected, with the rules on which months
 * can be recorded: from January of the first list year on, never in the future, and for a project that came in with
 * an opening balance only after the balance's month (which already covers everything before it). A member of the
 * project aggregate: it sources its months from the project's investment events itself.
 */
final class InvestmentMonths {

    private final Map<YearMonth, Long> amountByMonth = new HashMap<>();
    private YearMonth openingAsOf;

    /** The month an opening balance covers up to, from the proposal; null for a project that started with us. */
    void openedAsOf(YearMonth month) {
        openingAsOf = month;
    }

    YearMonth openingAsOf() {
        return openingAsOf;
    }

    /** @param firstListYear the first year the project was listed for; null while it is on no list */
    void requireRecordable(YearMonth period, Integer firstListYear, Clock clock) {
        if (period == null) {
            throw new RuleViolatedException("period", "the month is required");
        }
        if (firstListYear == null) {
            throw new StateConflictException("investment is recorded only for a project on a year's list");
        }
        if (period.isAfter(YearMonth.now(clock))) {
            throw new RuleViolatedException("period", period + " is in the future");
        }
        if (period.isBefore(YearMonth.of(firstListYear, 1))) {
            throw new RuleViolatedException("period",
                    period + " is before the project was approved (first listed for " + firstListYear + ")");
        }
        if (openingAsOf != null && !period.isAfter(openingAsOf)) {
            throw new RuleViolatedException("period",
                    period + " is covered by the opening balance as of " + openingAsOf);
        }
        if (amountByMonth.containsKey(period)) {
            throw new StateConflictException("investment for " + period
                    + " is already recorded; send a correction with a reason to change it");
        }
    }

    /** @return the amount recorded for the month, which a correction replaces */
    long recordedFor(YearMonth period) {
        Long recorded = amountByMonth.get(period);
        if (recorded == null) {
            throw new StateConflictException("no investment is recorded for " + period + " to correct");
        }
        return recorded;
    }

    /**
     * The version to answer when {@code correction} changes nothing because the month holds its amount already: a PUT
     * whose answer was lost, sent again with the If-Match it had. With nothing unseen since the version the client
     * sent (or none sent) that is the current version. Otherwise one of the unseen events must be this correction
     * (the month, amount and reason), and its version is answered, so that the client is not handed a version with
     * changes it has not seen; any other unseen change is a version conflict, as for any write on a stale version.
     *
     * @param conflicts null for a step of a reported state: planned from this very version, nothing is unseen
     * @return empty when the correction changes the month
     */
    OptionalLong sentBefore(InvestmentCorrected correction, ConflictResolver conflicts, long version) {
        if (recordedFor(correction.period()) != correction.amountYuan()) {
            return OptionalLong.empty();
        }
        long[] answered = {version};
        if (conflicts != null) {
            conflicts.detectConflicts(unseen -> {
                for (DomainEventMessage<?> event : unseen) {
                    if (event.getPayload() instanceof InvestmentCorrected earlier && sameRequest(earlier, correction)) {
                        answered[0] = event.getSequenceNumber();
                        return false;
                    }
                }
                return !unseen.isEmpty();
            });
        }
        return OptionalLong.of(answered[0]);
    }

    private static boolean sameRequest(InvestmentCorrected earlier, InvestmentCorrected correction) {
        return earlier.period().equals(correction.period()) && earlier.amountYuan() == correction.amountYuan()
                && earlier.reason().equals(correction.reason());
    }

    @EventSourcingHandler
    void on(InvestmentRecorded event) {
        amountByMonth.put(event.period(), event.amountYuan());
    }

    @EventSourcingHandler
    void on(InvestmentCorrected event) {
        amountByMonth.put(event.period(), event.amountYuan());
    }

    SortedMap<YearMonth, Long> byMonth() {
        return new TreeMap<>(amountByMonth);
    }
}
