package cn.shuangcheng.reporting.projects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import cn.shuangcheng.reporting.store.ReadModelStore;
import cn.shuangcheng.reporting.web.Page;

/** Reads of the project read model and of the applied events (timeline), from the active generation. */
public final class ProjectQueries {

    private static final List<String> INTERNAL = List.of("_id", "plansByYear");

    private final ReadModelStore store;

    public ProjectQueries(ReadModelStore store) {
        this.store = store;
    }

    public record Filter(Integer year, String sector, String platform, String region, String status) {
    }

    public Page<Map<String, Object>> list(Filter filter, int page, int size) {
        MongoCollection<Document> projects = store.collection(store.activeGeneration(), ReadModelStore.PROJECTS);
        Bson query = query(filter);
        long total = projects.countDocuments(query);
        List<Map<String, Object>> items = new ArrayList<>();
        projects.find(query).sort(Sorts.ascending("_id")).skip(Page.skip(page, size)).limit(size)
                .forEach(document -> items.add(view(document)));
        return new Page<>(items, page, size, total);
    }

    public Optional<Map<String, Object>> find(String id) {
        return store.findById(ReadModelStore.PROJECTS, id).map(ProjectQueries::view);
    }

    public Page<Map<String, Object>> timeline(String id, int page, int size) {
        MongoCollection<Document> events = store.collection(store.activeGeneration(), ReadModelStore.EVENTS);
        Bson query = Filters.eq("aggregateId", id);
        long total = events.countDocuments(query);
        List<Map<String, Object>> items = new ArrayList<>();
        events.find(query).sort(Sorts.ascending("sequence")).skip(Page.skip(page, size)).limit(size).forEach(event -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sequence", ((Number) event.get("sequence")).longValue());
            item.put("type", event.getString("type"));
            item.put("time", event.getString("time"));
            item.put("principal", event.getString("principal"));
            item.put("data", event.get("data", Document.class));
            items.add(item);
        });
        return new Page<>(items, page, size, total);
    }

    private static Bson query(Filter filter) {
        List<Bson> conditions = new ArrayList<>();
        if (filter.year() != null) {
            conditions.add(Filters.eq("listYears", filter.year()));
        }
        if (filter.sector() != null) {
            conditions.add(Filters.eq("sector", filter.sector()));
        }
        if (filter.platform() != null) {
            conditions.add(Filters.eq("platform", filter.platform()));
        }
        if (filter.status() != null) {
            conditions.add(Filters.eq("status", filter.status()));
        }
        if (filter.region() != null) {
            // the code itself, or a functional zone that rolls up to it
            conditions.add(Filters.or(Filters.eq("regions", filter.region()), Filters.eq("rollUpRegions", filter.region())));
        }
        return conditions.isEmpty() ? new Document() : Filters.and(conditions);
    }

    static Map<String, Object> view(Document document) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", document.getString("_id"));
        document.forEach((key, value) -> {
            if (!INTERNAL.contains(key)) {
                view.put(key, value);
            }
        });
        return view;
    }
}
