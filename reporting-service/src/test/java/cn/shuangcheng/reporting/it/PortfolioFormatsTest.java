package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;

/**
 * The portfolio in the joint office's language, on real read-model data (real broker, Mongo stand-in): every row
 * named in Chinese, no rate without a plan, the office's sentence, and the xlsx workbook holding the JSON's figures.
 *
 * <pre>
 * 2023 list, plan 3395.3亿 as published; January–April 1163.3亿 as published (34.3%):
 * A INFRASTRUCTURE GAOZHU     region 510100  total 2000亿  plan 2200.9亿  months 01: 300亿, 03: 450亿, 05: 100亿
 * B MODERN_INDUSTRY no platform region 500112 total 800亿 plan 1194.4亿  months 02: 413.3亿
 * 2022 list: C ECOLOGY ZIDA region 500111, no plan for 2022, month 2022-03: 5亿
 * </pre>
 */
class PortfolioFormatsTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static ReportingRig rig;
    private static ContractEvents events;

    @BeforeAll
    static void start() {
        rig = new ReportingRig().start();
        events = new ContractEvents();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        proposed(a, "INFRASTRUCTURE", "\"GAOZHU\"", "510100", 200_000_000_000L);
        listed(a, 2023);
        plan(a, 2023, 220_090_000_000L);
        invested(a, "2023-01", 30_000_000_000L);
        invested(a, "2023-03", 45_000_000_000L);
        invested(a, "2023-05", 10_000_000_000L);
        proposed(b, "MODERN_INDUSTRY", "null", "500112", 80_000_000_000L);
        listed(b, 2023);
        plan(b, 2023, 119_440_000_000L);
        invested(b, "2023-02", 41_330_000_000L);
        proposed(c, "ECOLOGY", "\"ZIDA\"", "500111", 1_000_000_000L);
        listed(c, 2022);
        invested(c, "2022-03", 500_000_000L);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(rig.json("/api/v1/reports/portfolio?year=2023&asOf=2023-05").path("total")
                    .path("completedInYearYuan").asLong()).isEqualTo(126_330_000_000L);
            assertThat(rig.json("/api/v1/reports/portfolio?year=2022").path("total")
                    .path("completedInYearYuan").asLong()).isEqualTo(500_000_000L);
        });
    }

    @AfterAll
    static void stop() {
        events.close();
        rig.close();
    }

    private static void project(String id, String event, String json) {
        events.send(rig.projectTopic, "project", id, event, json);
    }

    private static void proposed(String id, String sector, String platform, String region, long total) {
        project(id, "ProjectProposed", "{\"projectId\":\"" + id + "\",\"name\":\"成渝共建项目\",\"sector\":\"" + sector
                + "\",\"platform\":" + platform + ",\"regions\":[\"" + region + "\"],\"leadUnits\":[\"川渝联合办\"],"
                + "\"totalInvestmentYuan\":" + total + "}");
    }

    private static void listed(String id, int year) {
        project(id, "ProjectListed", "{\"projectId\":\"" + id + "\",\"listYear\":" + year + "}");
    }

    private static void plan(String id, int year, long yuan) {
        project(id, "AnnualPlanSet", "{\"projectId\":\"" + id + "\",\"year\":" + year + ",\"amountYuan\":" + yuan + "}");
    }

    private static void invested(String id, String period, long yuan) {
        project(id, "InvestmentRecorded", "{\"projectId\":\"" + id + "\",\"period\":\"" + period
                + "\",\"amountYuan\":" + yuan + "}");
    }

    @Test
    void everyRowHasItsChineseNameAndTheTotalNone() {
        JsonNode portfolio = rig.json("/api/v1/reports/portfolio?year=2023&asOf=2023-04");

        assertThat(names(portfolio.path("bySector"))).containsExactly("INFRASTRUCTURE=现代基础设施", "MODERN_INDUSTRY=现代产业");
        assertThat(names(portfolio.path("byPlatform"))).containsExactly("GAOZHU=川渝高竹新区", "null=未归属合作平台");
        assertThat(names(portfolio.path("byRegion"))).containsExactly("500112=渝北区", "510100=成都市");
        assertThat(portfolio.path("total").has("name")).isFalse();
        assertThat(portfolio.path("total").path("completionRate").decimalValue()).isEqualByComparingTo("0.3426");
    }

    private static List<String> names(JsonNode rows) {
        List<String> names = new ArrayList<>();
        rows.forEach(row -> names.add((row.path("key").isNull() ? "null" : row.path("key").asString()) + "="
                + row.path("name").asString()));
        return names;
    }

    @Test
    void withoutAPlanTheRatesAreJsonNull() {
        var response = rig.get("/api/v1/reports/portfolio?year=2022&asOf=2022-06", "application/json", "reports:read");
        JsonNode total = ReportingRig.JSON.readTree(response.body()).path("total");

        assertThat(response.body()).contains("\"completionRate\":null", "\"pointsOverTarget\":null");
        assertThat(total.path("completionRate").isNull()).isTrue();
        assertThat(total.path("pointsOverTarget").isNull()).isTrue();
    }

    @Test
    void theStatementIsThePublishedSentenceOfJanuaryToApril2023() {
        HttpResponse<String> response = rig.get("/api/v1/reports/portfolio/statement?year=2023&asOf=2023-04",
                "text/plain", "reports:read");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .isEqualToIgnoringCase("text/plain;charset=UTF-8");
        assertThat(response.body()).isEqualTo("1—4月完成投资1163.3亿元，完成年度计划的34.3%");
        assertThat(rig.get("/api/v1/reports/portfolio/statement?year=2022&asOf=2022-06", "text/plain", "reports:read")
                .body()).isEqualTo("1—6月完成投资5亿元");
    }

    @ParameterizedTest(name = "{0} -> {1} on {2}")
    @CsvSource({
            "/api/v1/reports/portfolio/statement,                       400, year",
            "/api/v1/reports/portfolio/statement?year=twenty,           400, year",
            "/api/v1/reports/portfolio/statement?year=2023&asOf=2023-13, 400, asOf",
            "/api/v1/reports/portfolio/statement?year=2023&asOf=2022-12, 422, asOf",
            "/api/v1/reports/portfolio/statement?year=99999999999,     400, year",
            "/api/v1/reports/portfolio/statement?year=2147483647,      422, year",
    })
    void aBadStatementQueryIsAProblem(String path, int status, String field) {
        HttpResponse<String> response = rig.get(path, "text/plain", "reports:read");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(response.body()).contains(field);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // dueOn is compared as YYYY-MM-DD text: a five-digit year would count every open item as overdue
            "%2B10000-01-01, 422",
            "2023-02-30,     400",
    })
    void aBadAgendaDayIsAProblemNamingAsOf(String asOf, int status) {
        HttpResponse<String> response = rig.get("/api/v1/reports/agenda?asOf=" + asOf, "application/json",
                "reports:read");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(response.body()).contains("asOf");
    }

    @Test
    void theXlsxOpensWithPoiAndHoldsEveryFigureOfTheJson() throws Exception {
        JsonNode portfolio = rig.json("/api/v1/reports/portfolio?year=2023&asOf=2023-04");
        HttpResponse<byte[]> response = rig.getBytes("/api/v1/reports/portfolio?year=2023&asOf=2023-04", XLSX,
                "reports:read");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith(XLSX);
        assertThat(response.headers().firstValue("Content-Disposition")).get().asString()
                .contains("attachment").contains("portfolio-2023-2023-04.xlsx");
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(text(sheet.getRow(0))).startsWith("年度", "截至", "分组", "代码", "名称", "项目数", "已开工");
            List<JsonNode> rows = new ArrayList<>(List.of(portfolio.path("total")));
            portfolio.path("bySector").forEach(rows::add);
            portfolio.path("byPlatform").forEach(rows::add);
            portfolio.path("byRegion").forEach(rows::add);
            assertThat(sheet.getLastRowNum()).isEqualTo(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertRow(sheet.getRow(i + 1), rows.get(i));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/v1/reports/agenda?asOf=2023-12-31, agenda-2023-12-31.xlsx, 清单, 3",
            "/api/v1/reports/cadre-exchange,         cadre-exchange.xlsx,    批次, 0",
    })
    void theOtherReportsAnswerXlsxWithChineseHeadings(String path, String file, String firstHeading, int rows)
            throws Exception {
        HttpResponse<byte[]> response = rig.getBytes(path, XLSX, "reports:read");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).get().asString().contains(file);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(text(sheet.getRow(0))).contains(firstHeading);
            assertThat(sheet.getLastRowNum()).isEqualTo(rows);
            for (int r = 1; r <= rows; r++) {
                assertThat(sheet.getRow(r).getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            }
        }
    }

    @Test
    void theOpenApiDocumentListsEveryMediaTypeOfTheReports() {
        JsonNode paths = ReportingRig.JSON.readTree(rig.get("/v3/api-docs", "application/json").body()).path("paths");

        for (String path : List.of("/api/v1/reports/portfolio", "/api/v1/reports/agenda", "/api/v1/reports/cadre-exchange")) {
            JsonNode content = paths.path(path).path("get").path("responses").path("200").path("content");
            assertThat(content.propertyNames()).as(path).contains("application/json", "text/csv", XLSX);
        }
        JsonNode statement = paths.path("/api/v1/reports/portfolio/statement").path("get").path("responses")
                .path("200").path("content");
        assertThat(statement.propertyNames()).contains("text/plain;charset=UTF-8");
        JsonNode figures = ReportingRig.JSON.readTree(rig.get("/v3/api-docs", "application/json").body())
                .path("components").path("schemas").path("Figures").path("properties");
        assertThat(figures.path("name").path("example").asString()).isEqualTo("现代基础设施");
        assertThat(figures.path("completedInYearYi").path("example").asString()).isEqualTo("1609.82");
    }

    private static List<String> text(Row row) {
        List<String> cells = new ArrayList<>();
        row.forEach(cell -> cells.add(cell.getStringCellValue()));
        return cells;
    }

    /** Counts and amounts are numeric cells; amounts in 亿元, equal to the JSON's yuan to the yuan. */
    private static void assertRow(Row row, JsonNode f) {
        assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(2023);
        assertThat(row.getCell(1).getStringCellValue()).isEqualTo("2023-04");
        assertThat(row.getCell(3) == null ? "" : row.getCell(3).getStringCellValue())
                .isEqualTo(f.path("key").isNull() ? "" : f.path("key").asString());
        assertThat(row.getCell(4) == null ? "" : row.getCell(4).getStringCellValue())
                .isEqualTo(f.path("name").isMissingNode() ? "" : f.path("name").asString());
        String[] counts = {"projects", "started", "completed", "atOrOverPlan"};
        int[] countColumns = {5, 6, 8, 9};
        for (int i = 0; i < counts.length; i++) {
            Cell cell = row.getCell(countColumns[i]);
            assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat((long) cell.getNumericCellValue()).as(counts[i]).isEqualTo(f.path(counts[i]).asLong());
        }
        assertThat(row.getCell(7).getStringCellValue()).isEqualTo(f.path("allStarted").asBoolean() ? "是" : "否");
        String[] amounts = {"totalInvestmentYuan", "annualPlanYuan", "completedInYearYuan", "cumulativeInvestedYuan"};
        int[] amountColumns = {10, 11, 12, 15};
        for (int i = 0; i < amounts.length; i++) {
            Cell cell = row.getCell(amountColumns[i]);
            assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(BigDecimal.valueOf(cell.getNumericCellValue()).movePointRight(8).setScale(0,
                    java.math.RoundingMode.HALF_UP).longValueExact()).as(amounts[i]).isEqualTo(f.path(amounts[i]).asLong());
        }
        assertDecimal(row.getCell(13), f.path("completionRate"), "0.00%");
        assertDecimal(row.getCell(14), f.path("pointsOverTarget"), "0.0");
    }

    private static void assertDecimal(Cell cell, JsonNode value, String format) {
        if (value.isNull()) {
            assertThat(cell == null || cell.getCellType() == CellType.BLANK).isTrue();
            return;
        }
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo(format);
        assertThat(BigDecimal.valueOf(cell.getNumericCellValue())).isEqualByComparingTo(value.decimalValue());
    }
}
