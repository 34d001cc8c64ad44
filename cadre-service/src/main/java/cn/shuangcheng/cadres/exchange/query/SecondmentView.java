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
        @Schema(example = "5b0e6c3a-8f21-4d7e-9c54-2a1f0e9d8c7b", requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(example = "1", requiredMode = Schema.RequiredMode.REQUIRED) int batchNumber,
        @Schema(example = "CHONGQING_TO_SICHUAN", requiredMode = Schema.RequiredMode.REQUIRED) Direction direction,
        @Schema(example = "ON_POST", requiredMode = Schema.RequiredMode.REQUIRED) SecondmentStatus status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) CadreView cadre,
        @Schema(description = "The sending unit", example = "重庆高新区") String homeUnit,
        @Schema(description = "On the sending side", example = "CQ-GXQ") String homeRegion,
        @Schema(description = "The receiving unit", example = "成都高新区经济运行局") String hostUnit,
        @Schema(description = "On the receiving side", example = "510100") String hostRegion,
        @Schema(description = "The post held, if known") String hostPost,
        @Schema(example = "2020-09-01") LocalDate startOn,
        @Schema(description = "The end as it stands now (after extensions)", example = "2021-09-01") LocalDate endOn,
        @Schema(description = "The end as first planned", example = "2021-09-01") LocalDate plannedEndOn,
        @Schema(description = "到岗", example = "2020-09-01") LocalDate arrivedOn,
        @Schema(example = "2021-09-01") LocalDate completedOn,
        @Schema(description = "When it ended early") LocalDate endedOn,
        @Schema(description = "Why it ended early") String endReason,
        @Schema(description = "How many contributions are recorded", example = "1") int contributionCount,
        @Schema(description = "Only in the answer for one secondment") List<ContributionView> contributions,
        @Schema(description = "Only in the answer for one secondment") List<ExtensionView> extensions,
        @Schema(description = "The version as of the read model, for If-Match", example = "2") long version) {

    @Schema(description = "The cadre. Without the cadres:pii scope name and personnelNo are masked (蒲杰 → 蒲*) "
            + "and masked is true. After the person's personal data was erased, erased is true and name and "
            + "personnelNo are *** for every caller.")
    public record CadreView(
            @Schema(description = "Pseudonymous: all that events, Kafka and the read side know",
                    example = "2f6d1a9e-4b7c-4e3a-8d15-6f0b2c9e7a41", requiredMode = Schema.RequiredMode.REQUIRED) String cadreId,
            @Schema(example = "胡*") String name,
            @Schema(example = "D**************") String personnelNo,
            @Schema(example = "true", requiredMode = Schema.RequiredMode.REQUIRED) boolean masked,
            @Schema(example = "false", requiredMode = Schema.RequiredMode.REQUIRED) boolean erased) {
    }

    @Schema(description = "A contribution the cadre made while on post")
    public record ContributionView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String contributionId,
                                   @Schema(example = "2021-03-15", requiredMode = Schema.RequiredMode.REQUIRED) LocalDate on,
                                   @Schema(example = "PUBLIC_SERVICE", requiredMode = Schema.RequiredMode.REQUIRED) ContributionCategory category,
                                   @Schema(example = "牵头完成成都高新区第七次人口普查", requiredMode = Schema.RequiredMode.REQUIRED) String summary,
                                   @Schema(description = "Projects it concerns") List<String> projectIds,
                                   @Schema(description = "Measured results") List<IndicatorView> indicators) {
    }

    @Schema(description = "A measured result: name, value, unit")
    public record IndicatorView(@Schema(example = "跨省公交线路") String name, @Schema(example = "2") BigDecimal value,
                                @Schema(example = "条") String unit) {
    }

    @Schema(description = "An extension of the secondment")
    public record ExtensionView(@Schema(example = "2022-03-01") LocalDate endOn,
                                @Schema(example = "2021-09-01") LocalDate previousEndOn,
                                @Schema(description = "Why it was extended") String reason) {
    }

    /** {@code { "items": [...], "page", "size", "total" }} as every list of docs/api-guide.md ("Lists"). */
    @Schema(description = "A page of secondments")
    public record PageView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<SecondmentView> items,
                           @Schema(example = "0", requiredMode = Schema.RequiredMode.REQUIRED) int page,
                           @Schema(example = "50", requiredMode = Schema.RequiredMode.REQUIRED) int size,
                           @Schema(example = "202", requiredMode = Schema.RequiredMode.REQUIRED) long total) {
    }
}
