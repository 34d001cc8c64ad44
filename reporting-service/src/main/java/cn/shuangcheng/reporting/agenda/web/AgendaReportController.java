package cn.shuangcheng.reporting.agenda.web;

import cn.shuangcheng.reporting.agenda.domain.Overdue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.reporting.readmodel.web.Csv;
import cn.shuangcheng.reporting.readmodel.web.Xlsx;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import static cn.shuangcheng.reporting.readmodel.api.ReadModelFields.countOfStatus;
import static cn.shuangcheng.reporting.readmodel.api.ReadModelFields.longOrZero;

/** The three lists: per list, how many items are in each state and how many are overdue. */
@RestController
@Tag(name = "reports")
public class AgendaReportController {

    private final ReadModelStore store;

    public AgendaReportController(ReadModelStore store) {
        this.store = store;
    }

    public record ListFigures(String list, long open, long inProgress, long delivered, long verified, long dropped,
                              long overdue) {
    }

    public record AgendaReport(String asOf, List<ListFigures> lists) {
    }

    @GetMapping(path = "/api/v1/reports/agenda", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getAgendaReport", summary = "Three lists by state",
            description = "Per list (POLICY_NEED, AGREED_MATTER, WORK_RESULT): open, inProgress, delivered, verified, "
                    + "dropped, and overdue = items past their dueOn (dueOn before asOf) that are not delivered, "
                    + "verified or dropped. asOf defaults to today (Asia/Shanghai).")
    public AgendaReport agenda(@RequestParam(required = false) LocalDate asOf) {
        LocalDate day = asOf == null ? Overdue.today() : asOf;
        String today = day.toString();
        List<Document> pipeline = List.of(
                new Document("$group", new Document("_id", "$list")
                        .append("open", countOfStatus("OPEN")).append("inProgress", countOfStatus("IN_PROGRESS"))
                        .append("delivered", countOfStatus("DELIVERED")).append("verified", countOfStatus("VERIFIED"))
                        .append("dropped", countOfStatus("DROPPED"))
                        .append("overdue", new Document("$sum", new Document("$cond", Arrays.asList(
                                new Document("$and", Arrays.asList(
                                        new Document("$lt", Arrays.asList(new Document("$ifNull", Arrays.asList("$dueOn", "9999-12-31")), today)),
                                        new Document("$in", Arrays.asList("$status", Overdue.PENDING)))),
                                1, 0))))));
        List<ListFigures> lists = new ArrayList<>();
        for (String list : List.of("POLICY_NEED", "AGREED_MATTER", "WORK_RESULT")) {
            lists.add(new ListFigures(list, 0, 0, 0, 0, 0, 0));
        }
        for (Document group : store.collection(store.activeGeneration(), ReadModelStore.AGENDA_ITEMS).aggregate(pipeline)) {
            String list = group.getString("_id");
            ListFigures figures = new ListFigures(list, longOrZero(group, "open"), longOrZero(group, "inProgress"),
                    longOrZero(group, "delivered"), longOrZero(group, "verified"), longOrZero(group, "dropped"),
                    longOrZero(group, "overdue"));
            lists.replaceAll(f -> f.list().equals(list) ? figures : f);
            if (lists.stream().noneMatch(f -> f.list().equals(list)) && list != null) {
                lists.add(figures);
            }
        }
        return new AgendaReport(today, lists);
    }

    @GetMapping(path = "/api/v1/reports/agenda", produces = Csv.TEXT_CSV)
    @Operation(operationId = "getAgendaReport",
            summary = "Three lists by state as CSV (UTF-8 with a byte order mark)")
    public ResponseEntity<String> agendaCsv(@RequestParam(required = false) LocalDate asOf) {
        AgendaReport report = agenda(asOf);
        List<List<Object>> rows = new ArrayList<>();
        report.lists().forEach(f -> rows.add(List.of(report.asOf(), f.list(), f.open(), f.inProgress(), f.delivered(),
                f.verified(), f.dropped(), f.overdue())));
        return Csv.of(List.of("asOf", "list", "open", "inProgress", "delivered", "verified", "dropped", "overdue"), rows);
    }

    @GetMapping(path = "/api/v1/reports/agenda", produces = Xlsx.MEDIA_TYPE)
    @Operation(operationId = "getAgendaReport",
            summary = "Three lists by state as an xlsx workbook (Chinese headings, counts as numbers)")
    public ResponseEntity<byte[]> agendaXlsx(@RequestParam(required = false) LocalDate asOf) {
        AgendaReport report = agenda(asOf);
        List<List<Object>> rows = new ArrayList<>();
        report.lists().forEach(f -> rows.add(List.of(report.asOf(), f.list(), f.open(), f.inProgress(), f.delivered(),
                f.verified(), f.dropped(), f.overdue())));
        return Xlsx.of("agenda-" + report.asOf() + ".xlsx", "三张清单", List.of(new Xlsx.Column("截至", Xlsx.Kind.TEXT),
                new Xlsx.Column("清单", Xlsx.Kind.TEXT), new Xlsx.Column("待办理", Xlsx.Kind.COUNT),
                new Xlsx.Column("办理中", Xlsx.Kind.COUNT), new Xlsx.Column("已办结", Xlsx.Kind.COUNT),
                new Xlsx.Column("已销号", Xlsx.Kind.COUNT), new Xlsx.Column("已撤销", Xlsx.Kind.COUNT),
                new Xlsx.Column("逾期", Xlsx.Kind.COUNT)), rows);
    }

}
