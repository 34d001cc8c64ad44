package cn.shuangcheng.reporting.agenda.mongo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import cn.shuangcheng.reporting.agenda.api.AgendaItemView;
import cn.shuangcheng.reporting.agenda.api.AgendaReport;
import cn.shuangcheng.reporting.agenda.api.AgendaReport.ListFigures;
import cn.shuangcheng.reporting.agenda.domain.AgendaFilterValues.AgendaList;
import cn.shuangcheng.reporting.agenda.domain.AgendaFilterValues.AgendaStatus;
import cn.shuangcheng.reporting.agenda.domain.Overdue;
import cn.shuangcheng.reporting.readmodel.api.Page;
import cn.shuangcheng.reporting.readmodel.mongo.Conditions;
import cn.shuangcheng.reporting.readmodel.mongo.Pages;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;

import static cn.shuangcheng.reporting.readmodel.api.ReadModelFields.longOrZero;
import static cn.shuangcheng.reporting.readmodel.mongo.GroupCounts.countOfStatus;

/** Reads of the three-lists read model from the active generation: the filtered list, one item, the report. */
public final class AgendaItemQueries {

    /** The lists a report always shows, in this order, even when one has no item yet. */
    private static final List<String> LISTS = List.of("POLICY_NEED", "AGREED_MATTER", "WORK_RESULT");

    private final ReadModelStore store;

    public AgendaItemQueries(ReadModelStore store) {
        this.store = store;
    }

    /** The list's filters, all optional and combined with and. */
    public record Filter(AgendaList list, AgendaStatus status, Boolean overdue, String ownerUnit, String projectId) {
    }

    public Page<AgendaItemView> list(Filter filter, LocalDate today, int page, int size) {
        Conditions conditions = new Conditions().eq("list", filter.list()).eq("status", filter.status());
        if (filter.overdue() != null) {
            conditions.add(overdue(filter.overdue(), today));
        }
        Bson query = conditions.eq("ownerUnits", filter.ownerUnit()).eq("projectIds", filter.projectId()).query();
        return Pages.find(store.collection(store.activeGeneration(), ReadModelCollection.AGENDA_ITEMS), query,
                Sorts.ascending("_id"), page, size, document -> AgendaItemView.of(document, today));
    }

    public Optional<AgendaItemView> find(String id, LocalDate today) {
        return store.findById(ReadModelCollection.AGENDA_ITEMS, id).map(d -> AgendaItemView.of(d, today));
    }

    /**
     * {@link Overdue} as a query. The explicit null tests keep items without a due date on the "not overdue" side on
     * MongoDB and on the stand-in alike (neither needs to agree on how null compares to a string).
     */
    static Bson overdue(boolean overdue, LocalDate today) {
        String day = today.toString();
        return overdue
                ? Filters.and(Filters.ne("dueOn", null), Filters.lt("dueOn", day), Filters.in("status", Overdue.PENDING))
                : Filters.or(Filters.eq("dueOn", null), Filters.gte("dueOn", day), Filters.nin("status", Overdue.PENDING));
    }

    /** Per list, the items in each state and the overdue ones as of {@code day}, counted by MongoDB in one pass. */
    public AgendaReport report(LocalDate day) {
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
        for (String list : LISTS) {
            lists.add(new ListFigures(list, 0, 0, 0, 0, 0, 0));
        }
        for (Document group : store.collection(store.activeGeneration(), ReadModelCollection.AGENDA_ITEMS).aggregate(pipeline)) {
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
}
