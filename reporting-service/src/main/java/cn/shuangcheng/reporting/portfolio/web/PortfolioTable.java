package cn.shuangcheng.reporting.portfolio.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import cn.shuangcheng.reporting.portfolio.api.PortfolioReport;
import cn.shuangcheng.reporting.readmodel.web.Xlsx;
import cn.shuangcheng.reporting.readmodel.web.Xlsx.Column;
import cn.shuangcheng.reporting.readmodel.web.Xlsx.Kind;

/**
 * The portfolio as a table, for CSV and xlsx: one row for the total, then one per sector, platform and region. The
 * CSV keeps the JSON's field names as its header (partners parse it); the workbook, read by people, has Chinese
 * headings and its amounts in 亿元 only (numeric cells whose value keeps every yuan).
 */
final class PortfolioTable {

    static final List<String> CSV_HEADER = List.of("year", "asOf", "breakdown", "key", "name", "projects", "started",
            "allStarted", "completed", "atOrOverPlan", "totalInvestmentYuan", "totalInvestmentYi", "annualPlanYuan",
            "annualPlanYi", "completedInYearYuan", "completedInYearYi", "completionRate", "pointsOverTarget",
            "cumulativeInvestedYuan", "cumulativeInvestedYi");

    static final List<Column> XLSX_COLUMNS = List.of(new Column("年度", Kind.COUNT), new Column("截至", Kind.TEXT),
            new Column("分组", Kind.TEXT), new Column("代码", Kind.TEXT), new Column("名称", Kind.TEXT),
            new Column("项目数", Kind.COUNT), new Column("已开工", Kind.COUNT), new Column("全部开工", Kind.YES_NO),
            new Column("已竣工", Kind.COUNT), new Column("完成年度计划项目数", Kind.COUNT),
            new Column("总投资（亿元）", Kind.YI), new Column("年度计划投资（亿元）", Kind.YI),
            new Column("年内完成投资（亿元）", Kind.YI), new Column("完成年度计划比例", Kind.RATE),
            new Column("超年度计划百分点", Kind.POINTS), new Column("累计完成投资（亿元）", Kind.YI));

    private static final String[] BREAKDOWNS_ZH = {"合计", "按领域", "按合作平台", "按地区"};

    private PortfolioTable() {
    }

    static List<List<Object>> csvRows(PortfolioReport.Statement s) {
        List<List<Object>> rows = new ArrayList<>();
        eachRow(s, (breakdown, f) -> {
            List<Object> row = new ArrayList<>(Arrays.asList(s.year(), s.asOf(), List.of("total", "sector", "platform",
                    "region").get(breakdown), f.key(), f.name()));
            row.addAll(Arrays.asList(f.projects(), f.started(), f.allStarted(), f.completed(), f.atOrOverPlan(),
                    f.totalInvestmentYuan(), f.totalInvestmentYi(), f.annualPlanYuan(), f.annualPlanYi(),
                    f.completedInYearYuan(), f.completedInYearYi(), f.completionRate(), f.pointsOverTarget(),
                    f.cumulativeInvestedYuan(), f.cumulativeInvestedYi()));
            rows.add(row);
        });
        return rows;
    }

    static List<List<Object>> xlsxRows(PortfolioReport.Statement s) {
        List<List<Object>> rows = new ArrayList<>();
        eachRow(s, (breakdown, f) -> rows.add(Arrays.asList(s.year(), s.asOf(), BREAKDOWNS_ZH[breakdown], f.key(),
                f.name(), f.projects(), f.started(), f.allStarted(), f.completed(), f.atOrOverPlan(),
                f.totalInvestmentYuan(), f.annualPlanYuan(), f.completedInYearYuan(), f.completionRate(),
                f.pointsOverTarget(), f.cumulativeInvestedYuan())));
        return rows;
    }

    static String fileName(PortfolioReport.Statement s) {
        return "portfolio-" + s.year() + "-" + s.asOf() + ".xlsx";
    }


    private interface RowConsumer {
        void accept(int breakdown, PortfolioReport.Figures figures);
    }

    private static void eachRow(PortfolioReport.Statement s, RowConsumer consumer) {
        consumer.accept(0, s.total());
        s.bySector().forEach(f -> consumer.accept(1, f));
        s.byPlatform().forEach(f -> consumer.accept(2, f));
        s.byRegion().forEach(f -> consumer.accept(3, f));
    }
}
