package cn.shuangcheng.projects.cooperation.web;

import cn.shuangcheng.projects.cooperation.api.Platform;
import cn.shuangcheng.projects.cooperation.api.Sector;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Request bodies of project-service's project endpoints, exactly as API.md names their fields. Bean
 * validation catches what is wrong on its face (422 with a field list); the aggregate enforces the rules
 * that depend on the project's state.
 */
final class ProjectRequests {

    private ProjectRequests() {
    }

    @Schema(description = "Propose a joint project. Same externalRef again: 200 with the existing id, nothing new.")
    record ProposeProject(
            @Size(max = 100) @Schema(example = "CY-2023-001") String externalRef,
            @NotBlank @Size(max = 300) @Schema(example = "成渝中线高铁") String name,
            @NotNull Sector sector,
            Platform platform,
            @NotEmpty @Size(max = 100) @Schema(example = "[\"510100\", \"500112\"]") List<@NotBlank String> regions,
            @Size(max = 50) List<@NotBlank String> leadUnits,
            @NotNull @Positive @Schema(example = "69273000000") Long totalInvestmentYuan,
            @Size(max = 4000) String description,
            @Positive @Schema(example = "6000000000") Long openingInvestedYuan,
            @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", example = "2022-12") YearMonth openingAsOf) {
    }

    record ListProject(@NotNull @Min(2020) @Max(2100) @Schema(example = "2023") Integer listYear) {
    }

    record SetAnnualPlan(@NotNull @PositiveOrZero @Schema(example = "8000000000") Long amountYuan) {
    }

    record StartProject(@NotNull @Schema(example = "2023-03-01") LocalDate startedOn) {
    }

    record RecordMilestone(@NotBlank @Size(max = 500) String name, @NotNull LocalDate reachedOn,
                           @Size(max = 4000) String note) {
    }

    record RecordInvestment(
            @NotNull @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", example = "2023-01") YearMonth period,
            @NotNull @Positive @Schema(example = "473780000") Long amountYuan) {
    }

    record CorrectInvestment(@NotNull @PositiveOrZero Long amountYuan, @NotBlank @Size(max = 1000) String reason) {
    }

    record CompleteProject(@NotNull LocalDate completedOn) {
    }

    record Reason(@NotBlank @Size(max = 1000) String reason) {
    }
}
