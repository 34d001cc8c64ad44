package cn.shuangcheng.cadres.exchange.domain;

import java.time.LocalDate;

/**
 * The time a secondment takes up, from {@code startOn} to {@code endOn} (the planned end, or the actual one once
 * closed). Two periods overlap when each starts before the other ends: a secondment may start on the day another one
 * ends (the hand-over day), as the batches' one-year terms run from a date to the same date a year later.
 */
public record Period(String secondmentId, LocalDate startOn, LocalDate endOn) {

    public boolean overlaps(LocalDate otherStart, LocalDate otherEnd) {
        return startOn.isBefore(otherEnd) && otherStart.isBefore(endOn);
    }
}
