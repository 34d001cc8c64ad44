package cn.shuangcheng.reporting.agenda.web;

import java.time.LocalDate;
import java.util.List;

import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.support.web.bounds.FourDigitYears;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.shuangcheng.reporting.agenda.api.AgendaReport;
import cn.shuangcheng.reporting.agenda.domain.Overdue;
import cn.shuangcheng.reporting.agenda.mongo.AgendaItemQueries;
import cn.shuangcheng.reporting.readmodel.web.Csv;
import cn.shuangcheng.reporting.readmodel.web.Xlsx;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The three lists: per list, how many items are in each state and how many are overdue. */
@RestController
@Tag(name = "reports")
public record AgendaReportController(AgendaItemQueries queries) {

    @GetMapping(path = "/api/v1/reports/agenda", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getAgendaReport", summary = "Three lists by state",
            description = "Per list (POLICY_NEED, AGREED_MATTER, WORK_RESULT): open, inProgress, delivered, verified, "
                    + "dropped, and overdue = items past their dueOn (dueOn before asOf) that are not delivered, "
                    + "verified or dropped. asOf defaults to today (Asia/Shanghai).")
    public AgendaReport agenda(@RequestParam(required = false) LocalDate asOf) {
        if (asOf != null && !FourDigitYears.holds(asOf.getYear())) {
            // dueOn is compared as YYYY-MM-DD text: a five-digit year would sort before every date
            throw new RuleViolatedException("asOf", "asOf must lie between the years " + FourDigitYears.MIN_YEAR
                    + " and " + FourDigitYears.MAX_YEAR);
        }
        return queries.report(asOf == null ? Overdue.today() : asOf);
    }

    @GetMapping(path = "/api/v1/reports/agenda", produces = Csv.TEXT_CSV)
    @Operation(operationId = "getAgendaReport",
            summary = "Three lists by state as CSV (UTF-8 with a byte order mark)")
    public ResponseEntity<String> agendaCsv(@RequestParam(required = false) LocalDate asOf) {
        return Csv.of(List.of("asOf", "list", "open", "inProgress", "delivered", "verified", "dropped", "overdue"),
                rows(agenda(asOf)));
    }

    @GetMapping(path = "/api/v1/reports/agenda", produces = Xlsx.MEDIA_TYPE)
    @Operation(operationId = "getAgendaReport",
            summary = "Three lists by state as an xlsx workbook (Chinese headings, counts as numbers)")
    public ResponseEntity<byte[]> agendaXlsx(@RequestParam(required = false) LocalDate asOf) {
        AgendaReport report = agenda(asOf);
        return Xlsx.of("agenda-" + report.asOf() + ".xlsx", "三张清单", List.of(new Xlsx.Column("截至", Xlsx.Kind.TEXT),
                new Xlsx.Column("清单", Xlsx.Kind.TEXT), new Xlsx.Column("待办理", Xlsx.Kind.COUNT),
                new Xlsx.Column("办理中", Xlsx.Kind.COUNT), new Xlsx.Column("已办结", Xlsx.Kind.COUNT),
                new Xlsx.Column("已销号", Xlsx.Kind.COUNT), new Xlsx.Column("已撤销", Xlsx.Kind.COUNT),
                new Xlsx.Column("逾期", Xlsx.Kind.COUNT)), rows(report));
    }

    /** One row per list, the same for CSV and xlsx. */
    private static List<List<Object>> rows(AgendaReport report) {
        return report.lists().stream().<List<Object>>map(f -> List.of(report.asOf(), f.list(), f.open(),
                f.inProgress(), f.delivered(), f.verified(), f.dropped(), f.overdue())).toList();
    }
}
