package cn.shuangcheng.projects.intake;

import cn.shuangcheng.projects.cooperation.api.Platform;
import cn.shuangcheng.projects.cooperation.api.Sector;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
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
 * One project as a joint-office intake system knows it (API.md, "An intake item"): its identity and its
 * state as reported. Intake systems resend the same items every month with the new months added, so an
 * item describes where the project stands, not what changed.
 */
@Schema(description = "One project as the intake system reports it; matched to a project by externalRef")
public record IntakeItem(
        @NotBlank @Size(max = 100) @Schema(example = "CY-2023-001") String externalRef,
        @NotBlank @Size(max = 300) String name,
        @NotNull Sector sector,
        Platform platform,
        @NotEmpty @Size(max = 100) List<@NotBlank String> regions,
        @Size(max = 50) List<@NotBlank String> leadUnits,
        @NotNull @Positive Long totalInvestmentYuan,
        @Min(2020) @Max(2100) Integer listYear,
        @PositiveOrZero @Schema(description = "planned investment of listYear") Long annualPlanYuan,
        @Positive Long openingInvestedYuan,
        @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$") YearMonth openingAsOf,
        LocalDate startedOn,
        LocalDate completedOn,
        @Size(max = 1200) List<@Valid @NotNull MonthlyInvestment> investments,
        @Size(max = 500) List<@Valid @NotNull Milestone> milestones) {

    public record MonthlyInvestment(
            @NotNull @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", example = "2023-01") YearMonth period,
            @NotNull @Positive Long amountYuan) {
    }

    public record Milestone(@NotBlank @Size(max = 500) String name, @NotNull LocalDate reachedOn) {
    }

    public List<MonthlyInvestment> investmentsOrEmpty() {
        return investments == null ? List.of() : investments;
    }

    public List<Milestone> milestonesOrEmpty() {
        return milestones == null ? List.of() : milestones;
    }
}
