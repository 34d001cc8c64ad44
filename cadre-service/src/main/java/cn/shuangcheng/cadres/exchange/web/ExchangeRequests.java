package cn.shuangcheng.cadres.exchange.web;

import cn.shuangcheng.cadres.exchange.api.ContributionCategory;
import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.registry.Masking;
import cn.shuangcheng.support.web.bounds.BoundedDecimal;
import cn.shuangcheng.kernel.Bounds;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Request bodies of cadre-service, with the field names of docs/api-guide.md. Bean validation catches what is wrong on
 * its face (422 with a field list, messages that never repeat the value); the aggregates enforce the rules that depend
 * on state. Validation messages are the constraint's, never the rejected value, so a name is not echoed.
 */
final class ExchangeRequests {

    private ExchangeRequests() {
    }

    @Schema(description = "Set up a yearly batch. The same number twice is 409.")
    record CreateBatch(@NotNull @Min(1) @Max(1000) @Schema(example = "3") Integer number,
                       @NotNull @Min(2020) @Max(2100) @Schema(example = "2022") Integer year,
                       @NotNull @Schema(example = "2022-11-01") LocalDate dispatchedOn,
                       @Min(1) @Max(500) @Schema(example = "50", defaultValue = "50") Integer quotaPerDirection,
                       @Min(1) @Max(36) @Schema(example = "12", defaultValue = "12") Integer termMonths) {
    }

    @Schema(description = "The person seconded. Personal data: kept in cadre-service's registry only.")
    record Cadre(@NotBlank @Size(max = 100) @Schema(example = "蒲杰") String name,
                 @NotBlank @Size(max = 64) @Schema(example = "SC-2022-0417", description = "A number not registered "
                         + "before must be in one canonical form (Unicode NFKC: half-width letters, digits and "
                         + "punctuation; no control or invisible characters), or 422: a full-width twin would be "
                         + "another person") String personnelNo) {

        @Override
        public String toString() {
            return "Cadre[name=" + Masking.mask(name) + ", personnelNo=" + Masking.mask(personnelNo) + "]";
        }
    }

    @Schema(description = "Second a cadre in a batch. endOn defaults to startOn plus the batch's term.")
    record RegisterSecondment(@NotNull @Min(1) @Schema(example = "3") Integer batchNumber,
                              @NotNull @Valid Cadre cadre,
                              @NotNull Direction direction,
                              @NotBlank @Size(max = Bounds.MAX_NAME) @Schema(example = "成都市金牛区") String homeUnit,
                              @NotBlank @Size(max = 20) @Schema(example = "510106") String homeRegion,
                              @NotBlank @Size(max = Bounds.MAX_NAME) @Schema(example = "巴州大健康产业集团") String hostUnit,
                              @NotBlank @Size(max = 20) @Schema(example = "500113") String hostRegion,
                              @Size(max = Bounds.MAX_NAME) @Schema(example = "挂任副总经理", nullable = true) String hostPost,
                              @NotNull @Schema(example = "2022-11-01") LocalDate startOn,
                              @Schema(example = "2023-11-01") LocalDate endOn) {
    }

    @Schema(description = "The arrival on post (到岗)")
    record RecordArrival(@NotNull @Schema(example = "2022-11-03") LocalDate arrivedOn) {
    }

    @Schema(description = "A measured result: name, value, unit")
    record IndicatorBody(@NotBlank @Size(max = Bounds.MAX_NAME) @Schema(example = "跨省公交线路") String name,
                         @NotNull @PositiveOrZero @BoundedDecimal @Schema(example = "2") BigDecimal value,
                         @NotBlank @Size(max = 50) @Schema(example = "条") String unit) {
    }

    @Schema(description = "A contribution made while on post; the summary, project ids and indicator names and units "
            + "must not contain the cadre's name or personnel number")
    record RecordContribution(@NotNull @Schema(example = "2023-05-20") LocalDate on,
                              @NotNull @Schema(example = "PUBLIC_SERVICE") ContributionCategory category,
                              @NotBlank @Size(max = Bounds.MAX_TEXT) @Schema(example = "推动开通川渝跨省公交线路") String summary,
                              @Size(max = Bounds.MAX_LIST) @Schema(description = "Ids of the projects it concerns")
                              List<@NotBlank @Size(max = 100) String> projectIds,
                              @Size(max = Bounds.MAX_LIST) @Schema(description = "Measured results")
                              List<@NotNull @Valid IndicatorBody> indicators) {
    }

    @Schema(description = "A later end, with the reason")
    record ExtendSecondment(@NotNull @Schema(example = "2024-05-01") LocalDate endOn,
                            @NotBlank @Size(max = Bounds.MAX_TEXT) @Schema(example = "项目收尾需要") String reason) {
    }

    @Schema(description = "The completion of the secondment")
    record CompleteSecondment(@NotNull @Schema(example = "2023-11-01") LocalDate completedOn,
                              @Size(max = Bounds.MAX_TEXT) @Schema(description = "Optional remark") String reason) {
    }

    @Schema(description = "An end before the planned one, with the reason")
    record EndSecondmentEarly(@NotNull @Schema(example = "2023-06-30") LocalDate endedOn,
                              @NotBlank @Size(max = Bounds.MAX_TEXT) @Schema(example = "工作需要提前召回") String reason) {
    }
}
