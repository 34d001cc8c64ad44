package cn.shuangcheng.reporting.cadres.web;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.shuangcheng.reporting.cadres.api.CadreExchangeReport.Row;
import cn.shuangcheng.reporting.cadres.mongo.CadreExchangeQueries;
import cn.shuangcheng.reporting.readmodel.web.Csv;
import cn.shuangcheng.reporting.readmodel.web.Xlsx;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The cadre exchange in numbers, per batch and direction; no personal data exists on this side at all. */
@RestController
@Tag(name = "reports")
public record CadreExchangeReportController(CadreExchangeQueries queries) {

    @GetMapping(path = "/api/v1/reports/cadre-exchange", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getCadreExchangeReport",
            summary = "Per batch and direction: dispatched, on post, completed, ended early, contributions, linked projects",
            description = "dispatched = secondments registered; onPost = arrived and not yet ended; completed; "
                    + "endedEarly; contributions = contributions recorded; linkedProjects = distinct projects named "
                    + "by those contributions. Counts only: no names, personnel numbers or cadre ids.")
    public List<Row> report() {
        return queries.report();
    }

    @GetMapping(path = "/api/v1/reports/cadre-exchange", produces = Csv.TEXT_CSV)
    @Operation(operationId = "getCadreExchangeReport",
            summary = "The cadre exchange per batch and direction as CSV (UTF-8 with a byte order mark)")
    public ResponseEntity<String> reportCsv() {
        return Csv.of(List.of("batchNumber", "direction", "dispatched", "onPost", "completed", "endedEarly",
                "contributions", "linkedProjects"), rows(report()));
    }

    @GetMapping(path = "/api/v1/reports/cadre-exchange", produces = Xlsx.MEDIA_TYPE)
    @Operation(operationId = "getCadreExchangeReport",
            summary = "The cadre exchange per batch and direction as an xlsx workbook (Chinese headings, counts as numbers)")
    public ResponseEntity<byte[]> reportXlsx() {
        return Xlsx.of("cadre-exchange.xlsx", "干部互派", List.of(new Xlsx.Column("批次", Xlsx.Kind.COUNT),
                new Xlsx.Column("方向", Xlsx.Kind.TEXT), new Xlsx.Column("派出", Xlsx.Kind.COUNT),
                new Xlsx.Column("在岗", Xlsx.Kind.COUNT), new Xlsx.Column("期满", Xlsx.Kind.COUNT),
                new Xlsx.Column("提前结束", Xlsx.Kind.COUNT), new Xlsx.Column("工作成果", Xlsx.Kind.COUNT),
                new Xlsx.Column("关联项目", Xlsx.Kind.COUNT)), rows(report()));
    }

    /** One row per batch and direction, the same for CSV and xlsx (a batch number may be null: Arrays.asList). */
    private static List<List<Object>> rows(List<Row> report) {
        return report.stream().<List<Object>>map(r -> Arrays.asList(r.batchNumber(), r.direction(), r.dispatched(),
                r.onPost(), r.completed(), r.endedEarly(), r.contributions(), r.linkedProjects())).toList();
    }
}
