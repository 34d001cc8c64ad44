package cn.shuangcheng.cadres.exchange.api;

import java.time.LocalDate;

/** The secondment ended before its planned end, for a reason; it is closed. */
public record SecondmentEndedEarly(String secondmentId, LocalDate endedOn, String reason)
        implements SecondmentEvents {
}
