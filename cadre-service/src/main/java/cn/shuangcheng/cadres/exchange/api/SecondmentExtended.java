package cn.shuangcheng.cadres.exchange.api;

import java.time.LocalDate;

/** The secondment now ends later: on {@code endOn} instead of {@code previousEndOn}. */
public record SecondmentExtended(String secondmentId, LocalDate endOn, LocalDate previousEndOn, String reason)
        implements SecondmentEvents {
}
