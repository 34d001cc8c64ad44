package cn.shuangcheng.reporting.projects.api;

import java.util.List;

import org.bson.Document;

import cn.shuangcheng.reporting.readmodel.domain.Money;
import cn.shuangcheng.reporting.readmodel.api.ReadModelFields;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A project as partners read it from reporting-service: the documented fields only (docs/api-guide.md). The read
 * model's own bookkeeping (sequences, gaps, event count, roll-up regions, update time) is in
 * {@link ProjectDiagnostics}, under reports:admin. Examples are the demo data's 成渝中线高铁.
 */
@Schema(description = "A joint major project as the read side knows it (eventually consistent with project-service)")
public record ProjectView(
        @Schema(description = "project id (as project-service assigned it)", example = "3f1c2a9e-8d4b-4c61-9a0e-2b7d5c1e6f80")
        String id,
        @Schema(description = "the intake system's reference, when it came from intake", example = "CY-2023-001")
        String externalRef,
        @Schema(example = "成渝中线高铁") String name,
        @Schema(example = "INFRASTRUCTURE") String sector,
        @Schema(description = "cooperation platform, null when none", example = "GAOZHU", nullable = true) String platform,
        @Schema(description = "GB/T 2260 codes or registered zone codes", example = "[\"510100\", \"500112\"]")
        List<String> regions,
        @Schema(example = "[\"川渝联合办\"]") List<String> leadUnits,
        @Schema(nullable = true, example = "新建重庆至成都中线高速铁路") String description,
        @Schema(description = "total investment, integer yuan", example = "69273000000") Long totalInvestmentYuan,
        @Schema(description = "totalInvestmentYuan in 亿元, two decimals", example = "692.73") String totalInvestmentYi,
        @Schema(description = "PROPOSED, APPROVED, STARTED, COMPLETED, SUSPENDED or CANCELLED", example = "STARTED")
        String status,
        @Schema(description = "when it was proposed (instant, UTC)", example = "2023-01-05T02:00:00Z") String proposedAt,
        @Schema(nullable = true, example = "2022-11-28") String startedOn,
        @Schema(nullable = true, example = "2027-12-31") String completedOn,
        @Schema(nullable = true, description = "while SUSPENDED") String suspensionReason,
        @Schema(nullable = true, description = "instant, when CANCELLED") String cancelledAt,
        @Schema(nullable = true) String cancellationReason,
        @Schema(description = "the years whose joint list it is on", example = "[2022, 2023, 2024]") List<Integer> listYears,
        @Schema(description = "planned investment by year") List<AnnualPlan> annualPlans,
        @Schema(description = "completed investment by month, in period order") List<MonthInvestment> investments,
        List<Milestone> milestones,
        @Schema(nullable = true, description = "invested before the project entered the system", example = "6000000000")
        Long openingInvestedYuan,
        @Schema(nullable = true, description = "the month the opening balance is as of", example = "2022-12")
        String openingAsOf,
        @Schema(description = "opening balance plus every recorded month, integer yuan", example = "6650000000")
        long investedToDateYuan,
        @Schema(description = "investedToDateYuan in 亿元, two decimals", example = "66.50") String investedToDateYi) {

    @Schema(description = "the planned investment of one year")
    public record AnnualPlan(@Schema(example = "2023") int year, @Schema(example = "8000000000") long amountYuan) {
    }

    @Schema(description = "the completed investment of one month")
    public record MonthInvestment(@Schema(example = "2023-01") String period,
                                  @Schema(example = "650000000") long amountYuan,
                                  @Schema(description = "how often the month was corrected", example = "1")
                                  int corrections) {
    }

    public record Milestone(@Schema(example = "全线开工") String name, @Schema(example = "2023-02-01") String reachedOn,
                            @Schema(nullable = true) String note) {
    }

    public static ProjectView of(Document d) {
        Long total = ReadModelFields.optionalLong(d, "totalInvestmentYuan");
        long invested = ReadModelFields.longOrZero(d, "investedToDateYuan");
        return new ProjectView(d.getString("_id"), d.getString("externalRef"), d.getString("name"),
                d.getString("sector"), d.getString("platform"), ReadModelFields.strings(d, "regions"),
                ReadModelFields.strings(d, "leadUnits"), d.getString("description"), total,
                total == null ? null : Money.yi(total), d.getString("status"), d.getString("proposedAt"),
                d.getString("startedOn"), d.getString("completedOn"), d.getString("suspensionReason"),
                d.getString("cancelledAt"), d.getString("cancellationReason"),
                ReadModelFields.ints(d, "listYears"),
                ReadModelFields.documents(d, "annualPlans").stream().map(p -> new AnnualPlan(
                        ReadModelFields.intOrZero(p, "year"), ReadModelFields.longOrZero(p, "amountYuan"))).toList(),
                ReadModelFields.documents(d, "investments").stream().map(m -> new MonthInvestment(
                        m.getString("period"), ReadModelFields.longOrZero(m, "amountYuan"),
                        ReadModelFields.intOrZero(m, "corrections"))).toList(),
                ReadModelFields.documents(d, "milestones").stream().map(m -> new Milestone(
                        m.getString("name"), m.getString("reachedOn"), m.getString("note"))).toList(),
                ReadModelFields.optionalLong(d, "openingInvestedYuan"), d.getString("openingAsOf"),
                invested, Money.yi(invested));
    }
}
