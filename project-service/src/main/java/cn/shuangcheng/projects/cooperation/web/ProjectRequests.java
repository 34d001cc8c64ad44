package cn.shuangcheng.projects.cooperation.web;

import cn.shuangcheng.projects.cooperation.api.Platform;
import cn.shuangcheng.projects.cooperation.api.Sector;
import cn.shuangcheng.support.web.bounds.Bounds;
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
            @Size(max = Bounds.MAX_LIST) List<@NotBlank @Size(max = Bounds.MAX_NAME) String> leadUnits,
            @NotNull @Yuan(min = 1) @Schema(example = "69273000000") Long totalInvestmentYuan,
            @Size(max = Bounds.MAX_TEXT) String description,
            @Yuan @Schema(example = "6000000000", description = "0: no opening balance") Long openingInvestedYuan,
            @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", example = "2022-12") YearMonth openingAsOf) {
    }

    record ListProject(@NotNull @Min(2020) @Max(2100) @Schema(example = "2023") Integer listYear) {
    }

    record SetAnnualPlan(@NotNull @Yuan @Schema(example = "8000000000") Long amountYuan) {
    }

    record StartProject(@NotNull @Schema(example = "2023-03-01") LocalDate startedOn) {
    }

    record RecordMilestone(@NotBlank @Size(max = Bounds.MAX_NAME) String name, @NotNull LocalDate reachedOn,
                           @Size(max = Bounds.MAX_TEXT) String note) {
    }

    record RecordInvestment(
            @NotNull @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", example = "2023-01") YearMonth period,
            @NotNull @Yuan(min = 1) @Schema(example = "473780000") Long amountYuan) {
    }

    record CorrectInvestment(@NotNull @Yuan Long amountYuan, @NotBlank @Size(max = Bounds.MAX_TEXT) String reason) {
    }

    record CompleteProject(@NotNull LocalDate completedOn) {
    }

    record Reason(@NotBlank @Size(max = Bounds.MAX_TEXT) String reason) {
    }
}
