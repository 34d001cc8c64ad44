package cn.shuangcheng.reporting.portfolio;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.shuangcheng.reporting.store.ReadModelStore;
import cn.shuangcheng.reporting.web.Csv;
import cn.shuangcheng.kernel.RuleViolatedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The monthly statement: "1—N月完成投资X亿元，完成年度计划的Y%". */
@RestController
@Tag(name = "reports", description = "Reports of the joint office; scope reports:read; JSON or text/csv")
public class PortfolioController {

    private final PortfolioReport report;

    public PortfolioController(PortfolioReport report) {
        this.report = report;
    }

    @GetMapping(path = "/api/v1/reports/portfolio", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Portfolio of year Y's joint major projects as of the end of month asOf",
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
    @Operation(summary = "The portfolio as CSV: one row for the total, then one per sector, platform and region")
    public ResponseEntity<String> portfolioCsv(@RequestParam int year, @RequestParam(required = false) YearMonth asOf) {
        PortfolioReport.Statement statement = report.statement(year, asOf(year, asOf));
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row(statement, "total", statement.total()));
        statement.bySector().forEach(f -> rows.add(row(statement, "sector", f)));
        statement.byPlatform().forEach(f -> rows.add(row(statement, "platform", f)));
        statement.byRegion().forEach(f -> rows.add(row(statement, "region", f)));
        return Csv.of(List.of("year", "asOf", "breakdown", "key", "name", "projects", "started", "allStarted",
                "completed", "atOrOverPlan", "totalInvestmentYuan", "totalInvestmentYi", "annualPlanYuan",
                "annualPlanYi", "completedInYearYuan", "completedInYearYi", "completionRate", "pointsOverTarget",
                "cumulativeInvestedYuan", "cumulativeInvestedYi"), rows);
    }

    private static List<Object> row(PortfolioReport.Statement s, String breakdown, PortfolioReport.Figures f) {
        List<Object> row = new ArrayList<>(List.of(s.year(), s.asOf(), breakdown));
        row.add(f.key());
        row.add(f.name());
        row.addAll(java.util.Arrays.asList(f.projects(), f.started(), f.allStarted(), f.completed(), f.atOrOverPlan(),
                f.totalInvestmentYuan(), f.totalInvestmentYi(), f.annualPlanYuan(), f.annualPlanYi(),
                f.completedInYearYuan(), f.completedInYearYi(), f.completionRate(), f.pointsOverTarget(),
                f.cumulativeInvestedYuan(), f.cumulativeInvestedYi()));
        return row;
    }

    private static YearMonth asOf(int year, YearMonth asOf) {
        YearMonth month = asOf == null ? YearMonth.of(year, 12) : asOf;
        if (month.getYear() != year) {
            throw new RuleViolatedException("asOf", "asOf must be a month of " + year);
        }
        return month;
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        PortfolioReport portfolioReport(ReadModelStore store) {
            return new PortfolioReport(store);
        }
    }
}
