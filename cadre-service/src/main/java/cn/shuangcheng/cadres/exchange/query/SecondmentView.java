package cn.shuangcheng.cadres.exchange.query;

import cn.shuangcheng.cadres.exchange.api.ContributionCategory;
import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.api.SecondmentStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A secondment as GET answers it. {@code contributions} and {@code extensions} only in the answer for one secondment;
 * the list gives {@code contributionCount}. {@code version} is the secondment's version as of the read model, for
 * {@code If-Match}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecondmentView(
        String id, int batchNumber, Direction direction, SecondmentStatus status, CadreView cadre,
        String homeUnit, String homeRegion, String hostUnit, String hostRegion, String hostPost,
        LocalDate startOn, LocalDate endOn, LocalDate plannedEndOn, LocalDate arrivedOn, LocalDate completedOn,
        LocalDate endedOn, String endReason, int contributionCount, List<ContributionView> contributions,
        List<ExtensionView> extensions, long version) {

    @Schema(description = "The cadre. Without the cadres:pii scope name and personnelNo are masked (蒲杰 → 蒲*) "
            + "and masked is true. After the person's personal data was erased, erased is true and name and "
            + "personnelNo are *** for every caller.")
    public record CadreView(String cadreId, String name, String personnelNo, boolean masked, boolean erased) {
    }

    public record ContributionView(String contributionId, LocalDate on, ContributionCategory category,
                                   String summary, List<String> projectIds, List<IndicatorView> indicators) {
    }

    public record IndicatorView(@Schema(example = "跨省公交线路") String name, @Schema(example = "2") BigDecimal value,
                                @Schema(example = "条") String unit) {
    }

    public record ExtensionView(LocalDate endOn, LocalDate previousEndOn, String reason) {
    }

    /** {@code { "items": [...], "page", "size", "total" }} as every list of docs/api-guide.md ("Lists"). */
    public record PageView(List<SecondmentView> items, int page, int size, long total) {
    }
}
