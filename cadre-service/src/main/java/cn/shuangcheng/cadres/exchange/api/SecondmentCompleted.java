package cn.shuangcheng.cadres.exchange.api;

import java.time.LocalDate;

/** The cadre completed the secondment and returned; it is closed. {@code reason} is an optional note. */
public record SecondmentCompleted(String secondmentId, LocalDate completedOn, String reason)
        implements SecondmentEvents {
}
