package cn.shuangcheng.projects.cooperation.web;

import cn.shuangcheng.projects.cooperation.api.Platform;
import cn.shuangcheng.projects.cooperation.api.Sector;
import cn.shuangcheng.kernel.Bounds;
import cn.shuangcheng.support.web.bounds.Yuan;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Request bodies of project-service's project endpoints, exactly as docs/api-guide.md names their fields. Bean
 * validation catches what is wrong on its face (422 with a field list); the aggregate enforces the rules
 * that depend on the project's state.
 */
final class ProjectRequests {

    private ProjectRequests() {
    }

    @Schema(description = "Propose a joint project. Same externalRef again: 200 with the existing id, nothing new.")
    record ProposeProject(
            @Size(max = 100) @Schema(example = "CY-2023-001") String externalRef,
            @NotBlank @Size(max = Bounds.MAX_NAME) @Schema(example = "成渝中线高铁") String name,
            @NotNull Sector sector,
            Platform platform,
            @NotEmpty @Size(max = Bounds.MAX_LIST) @Schema(example = "[\"510100\", \"500112\"]")
            List<@NotBlank @Size(max = 20) String> regions,
            @Size(max = Bounds.MAX_LIST) @Schema(description = "Lead units (牵头单位)")
            List<@NotBlank @Size(max = Bounds.MAX_NAME) String> leadUnits,
            @NotNull @Yuan(min = 1) @Schema(example = "69273000000") Long totalInvestmentYuan,
            @Size(max = Bounds.MAX_TEXT) @Schema(example = "新建重庆至成都中线高速铁路（沪渝蓉高铁重庆至成都段）") String description,
            @Yuan @Schema(example = "6000000000", description = "0: no opening balance") Long openingInvestedYuan,
            @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", example = "2022-12") YearMonth openingAsOf) {
    }

    @Schema(description = "A year's joint major project list to put the project on")
    record ListProject(@NotNull @Min(2020) @Max(2100) @Schema(example = "2023") Integer listYear) {
    }

    @Schema(description = "The planned investment of a listed year")
    record SetAnnualPlan(@NotNull @Yuan @Schema(example = "8000000000") Long amountYuan) {
    }

    @Schema(description = "The start of construction (开工)")
    record StartProject(@NotNull @Schema(example = "2023-03-01") LocalDate startedOn) {
    }

    @Schema(description = "A milestone the project reached")
    record RecordMilestone(
            @NotBlank @Size(max = Bounds.MAX_NAME) @Schema(example = "全线首座隧道黄连堡隧道贯通") String name,
            @NotNull @Schema(example = "2024-06-01") LocalDate reachedOn,
            @Size(max = Bounds.MAX_TEXT) @Schema(description = "Optional remark") String note) {
    }

    @Schema(description = "A month's completed investment; one record per month")
    record RecordInvestment(
            @NotNull @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", example = "2023-01") YearMonth period,
            @NotNull @Yuan(min = 1) @Schema(example = "473780000") Long amountYuan) {
    }

    @Schema(description = "A correction of a recorded month")
    record CorrectInvestment(
            @NotNull @Yuan @Schema(description = "The month's amount as it should be", example = "536090000") Long amountYuan,
            @NotBlank @Size(max = Bounds.MAX_TEXT) @Schema(description = "Why the recorded amount was wrong")
            String reason) {
    }

    @Schema(description = "The completion of the project")
    record CompleteProject(@NotNull @Schema(example = "2023-10-01") LocalDate completedOn) {
    }

    @Schema(description = "The reason of a suspension, resumption or cancellation")
    record Reason(@NotBlank @Size(max = Bounds.MAX_TEXT) @Schema(description = "Why; kept in the event")
            String reason) {
    }
}
