package cn.shuangcheng.reporting.portfolio.web;

import cn.shuangcheng.support.web.bounds.FourDigitYears;
import java.time.YearMonth;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.shuangcheng.reporting.portfolio.api.PortfolioReport;
import cn.shuangcheng.reporting.portfolio.domain.StatementSentence;
import cn.shuangcheng.reporting.portfolio.mongo.PortfolioQueries;
import cn.shuangcheng.reporting.readmodel.web.Csv;
import cn.shuangcheng.reporting.readmodel.web.Xlsx;
import cn.shuangcheng.kernel.RuleViolatedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The monthly statement: "1—N月完成投资X亿元，完成年度计划的Y%". */
@RestController
@Tag(name = "reports", description = "Reports of the joint office; scope reports:read; JSON, text/csv or xlsx")
public record PortfolioController(PortfolioQueries report) {

    static final String TEXT_PLAIN_UTF8 = "text/plain;charset=UTF-8";

    @GetMapping(path = "/api/v1/reports/portfolio", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getPortfolio",
            summary = "Portfolio of year Y's joint major projects as of the end of month asOf",
            description = "Over the projects on year's list: projects; started (started on or before the end of "
                    + "asOf); allStarted (true when every one of them has started by then); completed (completed on or "
                    + "before); atOrOverPlan (projects with an annual plan for the year whose investment in the year up "
                    + "to asOf has reached it); totalInvestmentYuan; annualPlanYuan (plans for the year); "
                    + "completedInYearYuan (months of the year up to asOf, default asOf = December of the year); "
                    + "completionRate = completedInYear / annualPlan, 4 decimals, HALF_UP, null without a plan; "
                    + "pointsOverTarget = (completedInYear / annualPlan − 1) × 100 from the exact ratio, 1 decimal, "
                    + "HALF_UP; cumulativeInvestedYuan = opening balances (when their openingAsOf is on or before asOf) "
                    + "plus every month up to asOf. Each amount also as ...Yi, 亿元 with two decimals. The same "
                    + "figures bySector, byPlatform (key null: no platform) and byRegion: regions roll up through the "
                    + "region table's rollUpCode (a functional zone to its parent code), and a project in several "
                    + "regions counts in full in each of them, so byRegion does not add up to the total. asOf must "
                    + "lie in the year (422 otherwise).")
    public PortfolioReport.Statement portfolio(@RequestParam int year, @RequestParam(required = false) YearMonth asOf) {
        return report.statement(year, asOf(year, asOf));
    }

    @GetMapping(path = "/api/v1/reports/portfolio", produces = Csv.TEXT_CSV)
    @Operation(operationId = "getPortfolio",
            summary = "The portfolio as CSV: one row for the total, then one per sector, platform and region")
    public ResponseEntity<String> portfolioCsv(@RequestParam int year, @RequestParam(required = false) YearMonth asOf) {
        return Csv.of(PortfolioTable.CSV_HEADER, PortfolioTable.csvRows(report.statement(year, asOf(year, asOf))));
    }

    @GetMapping(path = "/api/v1/reports/portfolio", produces = Xlsx.MEDIA_TYPE)
    @Operation(operationId = "getPortfolio",
            summary = "The portfolio as an xlsx workbook: Chinese headings, amounts in 亿元 as numbers")
    public ResponseEntity<byte[]> portfolioXlsx(@RequestParam int year, @RequestParam(required = false) YearMonth asOf) {
        PortfolioReport.Statement statement = report.statement(year, asOf(year, asOf));
        return Xlsx.of(PortfolioTable.fileName(statement), "投资完成情况", PortfolioTable.XLSX_COLUMNS,
                PortfolioTable.xlsxRows(statement));
    }

    @GetMapping(path = "/api/v1/reports/portfolio/statement", produces = TEXT_PLAIN_UTF8)
    @Operation(operationId = "getPortfolioStatement",
            summary = "The joint office's progress sentence for year Y's list as of month asOf (zh-CN)",
            description = "\"1—N月完成投资X亿元，完成年度计划的Y%\" from the portfolio's total, e.g. "
                    + "\"1—4月完成投资1163.3亿元，完成年度计划的34.3%\". January alone is \"1月…\", December (the "
                    + "default asOf) \"全年…\". X: completedInYear in 亿元, Y: completedInYear / annualPlan in "
                    + "percent, both one decimal HALF_UP without a trailing .0 (as the office writes \"84%\"). "
                    + "Without an annual plan the sentence ends after the amount. Same parameters and problems as "
                    + "the portfolio.")
    public ResponseEntity<String> statement(@RequestParam int year, @RequestParam(required = false) YearMonth asOf) {
        YearMonth month = asOf(year, asOf);
        PortfolioReport.Figures total = report.statement(year, month).total();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT_PLAIN_UTF8))
                .body(StatementSentence.of(month, total.completedInYearYuan(), total.annualPlanYuan()));
    }

    /** The year a YYYY-MM month can name (a larger one would not print as YYYY-MM, or not be a month at all). */
    private static YearMonth asOf(int year, YearMonth asOf) {
        if (!FourDigitYears.holds(year)) {
            throw new RuleViolatedException("year", "year must lie between " + FourDigitYears.MIN_YEAR + " and "
                    + FourDigitYears.MAX_YEAR);
        }
        YearMonth month = asOf == null ? YearMonth.of(year, 12) : asOf;
        if (month.getYear() != year) {
            throw new RuleViolatedException("asOf", "asOf must be a month of " + year);
        }
        return month;
    }
}
