package cn.shuangcheng.cadres.exchange.api;

import java.time.LocalDate;

/** The seconded cadre took up the post (到岗): from now the secondment is on post. */
public record CadreArrived(String secondmentId, LocalDate arrivedOn) implements SecondmentEvents {
}
