package cn.shuangcheng.projects.cooperation.domain;

import cn.shuangcheng.kernel.RuleViolatedException;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import cn.shuangcheng.kernel.StateConflictException;

import java.time.Clock;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A project's completed investment month by month, as recorded or last corrected, with the rules on which months
 * can be recorded: from January of the first list year on, never in the future, and for a project that came in with
 * an opening balance only after the balance's month (which already covers everything before it).
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
     * Whether a correction to {@code amountYuan} changes the month. The amount already recorded again changes
     * nothing, whatever came since the version the client sent: a PUT whose answer was lost is sent again, with the
     * If-Match it had, and must find the month as it asked rather than a version conflict.
     *
     * @param conflicts null for a step of a reported state: planned from this very version, nothing is unseen
     */
    boolean changedBy(YearMonth period, long amountYuan, ConflictResolver conflicts) {
        if (recordedFor(period) != amountYuan) {
            return true;
        }
        if (conflicts != null) {
            conflicts.detectConflicts(unseen -> false);
        }
        return false;
    }

    void put(YearMonth period, long amountYuan) {
        amountByMonth.put(period, amountYuan);
    }

    SortedMap<YearMonth, Long> byMonth() {
        return new TreeMap<>(amountByMonth);
    }
}
