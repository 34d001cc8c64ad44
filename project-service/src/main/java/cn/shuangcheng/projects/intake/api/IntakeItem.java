package cn.shuangcheng.projects.intake.api;

import cn.shuangcheng.kernel.Bounds;
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
        @NotBlank @Size(max = Bounds.MAX_NAME) @Schema(example = "成渝中线高铁") String name,
        @NotNull @Schema(example = "INFRASTRUCTURE") Sector sector,
        @Schema(description = "One of the ten cooperation platforms, if any") Platform platform,
        @NotEmpty @Size(max = Bounds.MAX_LIST) @Schema(description = "GB/T 2260 codes or registered zone codes",
                example = "[\"510100\", \"500112\"]") List<@NotBlank @Size(max = 20) String> regions,
        @Size(max = Bounds.MAX_LIST) @Schema(description = "Lead units (牵头单位)")
        List<@NotBlank @Size(max = Bounds.MAX_NAME) String> leadUnits,
        @NotNull @Positive @Max(Bounds.MAX_YUAN) @Schema(example = "69273000000") Long totalInvestmentYuan,
        @Min(2020) @Max(2100) @Schema(description = "The year's joint list it is on", example = "2023") Integer listYear,
        @PositiveOrZero @Max(Bounds.MAX_YUAN) @Schema(description = "planned investment of listYear", example = "8000000000")
        Long annualPlanYuan,
        @PositiveOrZero @Max(Bounds.MAX_YUAN) @Schema(description = "0 means no opening balance", example = "6000000000")
        Long openingInvestedYuan,
        @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", description = "The month up to which the opening balance counts",
                example = "2022-12") YearMonth openingAsOf,
        @Schema(description = "开工", example = "2022-11-28") LocalDate startedOn,
        @Schema(example = "2023-10-01") LocalDate completedOn,
        @Size(max = Bounds.MAX_LIST) @Schema(description = "Completed investment per month; a changed amount becomes a correction")
        List<@Valid @NotNull MonthlyInvestment> investments,
        @Size(max = Bounds.MAX_LIST) @Schema(description = "Milestones reached") List<@Valid @NotNull Milestone> milestones) {

    @Schema(description = "A month's completed investment")
    public record MonthlyInvestment(
            @NotNull @Schema(type = "string", pattern = "^\\d{4}-\\d{2}$", example = "2023-01") YearMonth period,
            @NotNull @Positive @Max(Bounds.MAX_YUAN) @Schema(example = "473780000") Long amountYuan) {
    }

    @Schema(description = "A milestone reached")
    public record Milestone(@NotBlank @Size(max = Bounds.MAX_NAME) @Schema(example = "全线首座隧道黄连堡隧道贯通") String name,
                            @NotNull @Schema(example = "2024-06-01") LocalDate reachedOn) {
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
