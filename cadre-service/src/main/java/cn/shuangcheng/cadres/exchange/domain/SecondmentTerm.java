package cn.shuangcheng.cadres.exchange.domain;

import java.time.LocalDate;

/** A secondment's period as it stands: from its start to its end, planned, extended, completed or ended early. */
public record SecondmentTerm(LocalDate startOn, LocalDate endOn) {
}
