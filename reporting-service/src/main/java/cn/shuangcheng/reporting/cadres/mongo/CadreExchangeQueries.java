package cn.shuangcheng.reporting.cadres.mongo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

import com.mongodb.client.MongoCollection;

import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import cn.shuangcheng.reporting.cadres.api.CadreExchangeReport.Row;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;

import static cn.shuangcheng.reporting.readmodel.api.ReadModelFields.longOrZero;
import static cn.shuangcheng.reporting.readmodel.mongo.GroupCounts.countOfStatus;

/** The cadre exchange report from the secondments of the active generation, counted by MongoDB. */
public final class CadreExchangeQueries {

    private final ReadModelStore store;

    public CadreExchangeQueries(ReadModelStore store) {
        this.store = store;
    }

    /** Per batch and direction, ordered by batch number then direction (nulls last). */
    public List<Row> report() {
        MongoCollection<Document> secondments = store.collection(store.activeGeneration(), ReadModelCollection.SECONDMENTS);
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
}
