package cn.shuangcheng.reporting.cadres.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mongodb.client.MongoCollection;

import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.reporting.readmodel.web.Csv;
import cn.shuangcheng.reporting.readmodel.web.Xlsx;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import static cn.shuangcheng.reporting.readmodel.api.ReadModelFields.countOfStatus;
import static cn.shuangcheng.reporting.readmodel.api.ReadModelFields.longOrZero;

/** The cadre exchange in numbers, per batch and direction; no personal data exists on this side at all. */
@RestController
@Tag(name = "reports")
public class CadreExchangeReportController {

    private final ReadModelStore store;

    public CadreExchangeReportController(ReadModelStore store) {
        this.store = store;
    }

    public record Row(Integer batchNumber, String direction, long dispatched, long onPost, long completed,
                      long endedEarly, long contributions, long linkedProjects) {
    }

    @GetMapping(path = "/api/v1/reports/cadre-exchange", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getCadreExchangeReport",
            summary = "Per batch and direction: dispatched, on post, completed, ended early, contributions, linked projects",
            description = "dispatched = secondments registered; onPost = arrived and not yet ended; completed; "
                    + "endedEarly; contributions = contributions recorded; linkedProjects = distinct projects named "
                    + "by those contributions. Counts only: no names, personnel numbers or cadre ids.")
    public List<Row> report() {
        MongoCollection<Document> secondments = store.collection(store.activeGeneration(), ReadModelStore.SECONDMENTS);
        Document key = new Document("batchNumber", "$batchNumber").append("direction", "$direction");
        List<Document> counts = List.of(new Document("$group", new Document("_id", key)
                .append("dispatched", new Document("$sum", 1))
                .append("onPost", countOfStatus("ON_POST")).append("completed", countOfStatus("COMPLETED"))
                .append("endedEarly", countOfStatus("ENDED_EARLY"))
                .append("contributions", new Document("$sum", "$contributions"))));
        List<Document> linked = List.of(new Document("$unwind", "$linkedProjectIds"),
                new Document("$group", new Document("_id", key)
                        .append("projects", new Document("$addToSet", "$linkedProjectIds"))));
        Map<String, Integer> linkedByKey = new HashMap<>();
        for (Document group : secondments.aggregate(linked)) {
            linkedByKey.put(group.get("_id", Document.class).toJson(), group.getList("projects", Object.class).size());
        }
        List<Row> rows = new ArrayList<>();
        for (Document group : secondments.aggregate(counts)) {
            Document id = group.get("_id", Document.class);
            Object batch = id.get("batchNumber");
            rows.add(new Row(batch instanceof Number n ? n.intValue() : null, id.getString("direction"),
                    longOrZero(group, "dispatched"), longOrZero(group, "onPost"), longOrZero(group, "completed"),
                    longOrZero(group, "endedEarly"), longOrZero(group, "contributions"), linkedByKey.getOrDefault(id.toJson(), 0)));
        }
        rows.sort(Comparator.comparing(Row::batchNumber, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Row::direction, Comparator.nullsLast(Comparator.naturalOrder())));
        return rows;
    }

    @GetMapping(path = "/api/v1/reports/cadre-exchange", produces = Csv.TEXT_CSV)
    @Operation(operationId = "getCadreExchangeReport",
            summary = "The cadre exchange per batch and direction as CSV (UTF-8 with a byte order mark)")
    public ResponseEntity<String> reportCsv() {
        List<List<Object>> rows = new ArrayList<>();
        report().forEach(r -> rows.add(Arrays.asList(r.batchNumber(), r.direction(), r.dispatched(), r.onPost(),
                r.completed(), r.endedEarly(), r.contributions(), r.linkedProjects())));
        return Csv.of(List.of("batchNumber", "direction", "dispatched", "onPost", "completed", "endedEarly",
                "contributions", "linkedProjects"), rows);
    }

    @GetMapping(path = "/api/v1/reports/cadre-exchange", produces = Xlsx.MEDIA_TYPE)
    @Operation(operationId = "getCadreExchangeReport",
            summary = "The cadre exchange per batch and direction as an xlsx workbook (Chinese headings, counts as numbers)")
    public ResponseEntity<byte[]> reportXlsx() {
        List<List<Object>> rows = new ArrayList<>();
        report().forEach(r -> rows.add(Arrays.asList(r.batchNumber(), r.direction(), r.dispatched(), r.onPost(),
                r.completed(), r.endedEarly(), r.contributions(), r.linkedProjects())));
        return Xlsx.of("cadre-exchange.xlsx", "干部互派", List.of(new Xlsx.Column("批次", Xlsx.Kind.COUNT),
                new Xlsx.Column("方向", Xlsx.Kind.TEXT), new Xlsx.Column("派出", Xlsx.Kind.COUNT),
                new Xlsx.Column("在岗", Xlsx.Kind.COUNT), new Xlsx.Column("期满", Xlsx.Kind.COUNT),
                new Xlsx.Column("提前结束", Xlsx.Kind.COUNT), new Xlsx.Column("工作成果", Xlsx.Kind.COUNT),
                new Xlsx.Column("关联项目", Xlsx.Kind.COUNT)), rows);
    }

}
