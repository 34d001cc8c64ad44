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
 * One project as a joint-office intake system knows it (docs/api-guide.md, "project-service: the joint office's
 * intake"): its identity and its state as reported. Intake systems resend the same items every month with the new
 * months added, so an item describes where the project stands, not what changed.
 */
@Schema(description = "One project as the intake system reports it; matched to a project by externalRef")
public record IntakeItem(
        @NotBlank @Size(max = 100) @Schema(example = "CY-2023-001") String externalRef,
        @NotBlank @Size(max = IntakeBounds.NAME) String name,
        @NotNull Sector sector,
        Platform platform,
        @NotEmpty @Size(max = IntakeBounds.LIST) List<@NotBlank @Size(max = 20) String> regions,
        @Size(max = IntakeBounds.LIST) List<@NotBlank @Size(max = IntakeBounds.NAME) String> leadUnits,
        @NotNull @Positive @Max(IntakeBounds.MAX_YUAN) Long totalInvestmentYuan,
        @Min(2020) @Max(2100) Integer listYear,
        @PositiveOrZero @Max(IntakeBounds.MAX_YUAN) @Schema(description = "planned investment of listYear")
        Long annualPlanYuan,
        @PositiveOrZero @Max(IntakeBounds.MAX_YUAN) @Schema(description = "0 means no opening balance")
        Long openingInvestedYuan,
        @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$") YearMonth openingAsOf,
        LocalDate startedOn,
        LocalDate completedOn,
        @Size(max = IntakeBounds.LIST) List<@Valid @NotNull MonthlyInvestment> investments,
        @Size(max = IntakeBounds.LIST) List<@Valid @NotNull Milestone> milestones) {

    public record MonthlyInvestment(
            @NotNull @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", example = "2023-01") YearMonth period,
            @NotNull @Positive @Max(IntakeBounds.MAX_YUAN) Long amountYuan) {
    }

    public record Milestone(@NotBlank @Size(max = IntakeBounds.NAME) String name, @NotNull LocalDate reachedOn) {
    }

    /** An opening balance of 0 is how intake systems say "none" (docs/api-guide.md). */
    public boolean hasOpeningBalance() {
        return openingInvestedYuan != null && openingInvestedYuan > 0;
    }

    public List<MonthlyInvestment> investmentsOrEmpty() {
        return investments == null ? List.of() : investments;
    }

    public List<Milestone> milestonesOrEmpty() {
        return milestones == null ? List.of() : milestones;
    }
}
