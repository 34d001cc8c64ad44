package cn.shuangcheng.cadres.exchange.api;

import java.time.LocalDate;
import java.util.List;

/**
 * What the cadre contributed on post: a field of cooperation, a summary, the joint projects it served (project ids of
 * project-service, possibly none) and measured indicators (possibly none).
 */
public record ContributionRecorded(String secondmentId, String contributionId, LocalDate on,
                                   ContributionCategory category, String summary, List<String> projectIds,
                                   List<Indicator> indicators) implements SecondmentEvents {
}
