package cn.shuangcheng.kernel;

import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * The small checks every aggregate repeats, each failing with a {@link RuleViolatedException} that names
 * the request field, so that a client learns which field to fix.
 */
public final class Require {

    private Require() {
    }

    /** Amounts are integer yuan; zero or less is never a real investment, plan or total. */
    public static void positive(String field, long amountYuan) {
        if (amountYuan <= 0) {
            throw new RuleViolatedException(field, "must be a positive number of yuan, was " + amountYuan);
        }
    }

    public static void notNegative(String field, long amountYuan) {
        if (amountYuan < 0) {
            throw new RuleViolatedException(field, "must not be negative, was " + amountYuan);
        }
    }

    /** The text without surrounding blanks, as the events keep it; a missing or blank one breaks the rule. */
    public static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new RuleViolatedException(field, "is required");
        }
        return value.strip();
    }

    /** An optional text as the events keep it: without surrounding blanks, and a blank one is none (null). */
    public static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static void present(String field, Object value) {
        if (value == null) {
            throw new RuleViolatedException(field, "is required");
        }
    }

    /** Facts are recorded after they happen: a date in the future is a typing error or a plan. */
    public static void notInFuture(String field, LocalDate date, Clock clock) {
        present(field, date);
        if (date.isAfter(LocalDate.now(clock))) {
            throw new RuleViolatedException(field, date + " is in the future");
        }
    }

    /**
     * A command that only some states allow: refused with a {@link StateConflictException} (409) unless
     * {@code current} is one of {@code allowed}. {@code refusal} says why in the aggregate's own words.
     */
    @SafeVarargs
    public static <S extends Enum<S>> void state(S current, Supplier<String> refusal, S... allowed) {
        for (S state : allowed) {
            if (state == current) {
                return;
            }
        }
        throw new StateConflictException(refusal.get());
    }
}
