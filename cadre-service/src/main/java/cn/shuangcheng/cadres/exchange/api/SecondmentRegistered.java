package cn.shuangcheng.cadres.exchange.api;

import java.time.LocalDate;

/**
 * A cadre was sent from a unit on one side to a post on the other for {@code startOn}–{@code endOn}. The cadre is
 * named only by the pseudonymous {@code cadreId}. {@code hostPost} may be null when the post is not known.
 */
public record SecondmentRegistered(String secondmentId, String batchId, int batchNumber, String cadreId,
                                   Direction direction, String homeUnit, String homeRegion, String hostUnit,
                                   String hostRegion, String hostPost, LocalDate startOn, LocalDate endOn)
        implements SecondmentEvents {
}
