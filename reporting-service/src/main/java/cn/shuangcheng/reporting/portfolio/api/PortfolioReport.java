package cn.shuangcheng.reporting.portfolio.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of the joint office's monthly statement over year Y's list, as the API answers it (computed by
 * {@code portfolio.domain.Portfolio} from the projects {@code portfolio.mongo.PortfolioQueries} reads).
 */
public final class PortfolioReport {

    private PortfolioReport() {
    }

    /**
     * One row of the statement (or its total). Amounts are BigInteger: within the bounds they fit a long up to 92,233
     * projects at 10^14 yuan, beyond too. Examples: the demo data's 2023 list as of 2023-12 (its total; key and
     * name those of a sector row).
     */
    @Schema(description = "The figures of the total or of one row, over the projects on year Y's list as of the end "
            + "of month asOf")
    public record Figures(
            @Schema(description = "The sector, platform or region code; null for the total and for the projects "
                    + "without a platform", example = "INFRASTRUCTURE", nullable = true) String key,
            @Schema(description = "The Chinese name of the sector, platform or region (未归属合作平台 for the "
                    + "projects without a platform); the total has none", example = "现代基础设施")
            @JsonInclude(JsonInclude.Include.NON_NULL) String name,
            @Schema(description = "Projects on the year's list", example = "41") long projects,
            @Schema(description = "Of them, started on or before the end of asOf", example = "13") long started,
            @Schema(description = "Whether every one of them has started by then", example = "false") boolean allStarted,
            @Schema(description = "Completed on or before the end of asOf", example = "1") long completed,
            @Schema(description = "Projects with a plan for the year whose investment in the year up to asOf has "
                    + "reached it", example = "34") long atOrOverPlan,
            @Schema(description = "Their total investment, yuan", example = "883415000000") BigInteger totalInvestmentYuan,
            @Schema(description = "totalInvestmentYuan in 亿元, two decimals", example = "8834.15") String totalInvestmentYi,
            @Schema(description = "Their plans for the year, yuan", example = "138370000000") BigInteger annualPlanYuan,
            @Schema(description = "annualPlanYuan in 亿元", example = "1383.70") String annualPlanYi,
            @Schema(description = "Investment in the months of the year up to asOf, yuan", example = "160981990000")
            BigInteger completedInYearYuan,
            @Schema(description = "completedInYearYuan in 亿元", example = "1609.82") String completedInYearYi,
            @Schema(description = "completedInYear / annualPlan, 4 decimals (HALF_UP); null when the plan is 0",
                    example = "1.1634", nullable = true) @JsonInclude(JsonInclude.Include.ALWAYS)
            BigDecimal completionRate,
            @Schema(description = "(completedInYear / annualPlan − 1) × 100 from the exact ratio, 1 decimal "
                    + "(HALF_UP); null when the plan is 0", example = "16.3", nullable = true)
            @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal pointsOverTarget,
            @Schema(description = "Opening balances (as of their month) plus every month up to asOf, yuan",
                    example = "436866990000") BigInteger cumulativeInvestedYuan,
            @Schema(description = "cumulativeInvestedYuan in 亿元", example = "4368.67") String cumulativeInvestedYi) {
    }

    @Schema(description = "The joint office's monthly statement over year Y's list: the total and the same figures "
            + "by sector, by platform and by region")
    public record Statement(
            @Schema(description = "The list year", example = "2023") int year,
            @Schema(description = "The last month counted (YYYY-MM)", example = "2023-12") String asOf,
            @Schema(description = "Over every project on the list; no name") Figures total,
            @Schema(description = "One row per sector, ordered by key") List<Figures> bySector,
            @Schema(description = "One row per platform, ordered by key, the projects without a platform last "
                    + "(key null)") List<Figures> byPlatform,
            @Schema(description = "One row per region (rolled up through the region table); a project in several "
                    + "regions counts in full in each") List<Figures> byRegion) {
    }
}
