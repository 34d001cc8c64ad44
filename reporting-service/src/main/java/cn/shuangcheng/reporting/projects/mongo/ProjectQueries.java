package cn.shuangcheng.reporting.projects.mongo;

import java.util.Optional;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import cn.shuangcheng.reporting.projects.api.ProjectDiagnostics;
import cn.shuangcheng.reporting.projects.api.ProjectView;
import cn.shuangcheng.reporting.projects.api.TimelineEntry;
import cn.shuangcheng.reporting.projects.domain.ProjectFilterValues.Platform;
import cn.shuangcheng.reporting.projects.domain.ProjectFilterValues.Sector;
import cn.shuangcheng.reporting.projects.domain.ProjectFilterValues.Status;
import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import cn.shuangcheng.reporting.readmodel.mongo.Conditions;
import cn.shuangcheng.reporting.readmodel.mongo.Pages;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.reporting.readmodel.api.Page;

/** Reads of the project read model and of the applied events (timeline), from the active generation. */
public final class ProjectQueries {

    private final ReadModelStore store;

    public ProjectQueries(ReadModelStore store) {
        this.store = store;
    }

    public record Filter(Integer year, Sector sector, Platform platform, String region, Status status) {
    }

    public Page<ProjectView> list(Filter filter, int page, int size) {
        return Pages.find(store.collection(store.activeGeneration(), ReadModelCollection.PROJECTS), query(filter),
                Sorts.ascending("_id"), page, size, ProjectView::of);
    }

    public Optional<ProjectView> find(String id) {
        return store.findById(ReadModelCollection.PROJECTS, id).map(ProjectView::of);
    }

    /** The read model's bookkeeping of one project, from the active generation (reports:admin). */
    public Optional<ProjectDiagnostics> diagnostics(String id) {
        int generation = store.activeGeneration();
        return Optional.ofNullable(store.collection(generation, ReadModelCollection.PROJECTS).find(Filters.eq("_id", id))
                .first()).map(document -> ProjectDiagnostics.of(generation, document));
    }

    public Page<TimelineEntry> timeline(String id, int page, int size) {
        return Pages.find(store.collection(store.activeGeneration(), ReadModelCollection.EVENTS),
                Filters.eq("aggregateId", id), Sorts.ascending("sequence"), page, size, TimelineEntry::of);
    }

    private static Bson query(Filter filter) {
        Conditions conditions = new Conditions().eq("listYears", filter.year()).eq("sector", filter.sector())
                .eq("platform", filter.platform()).eq("status", filter.status());
        if (filter.region() != null) {
            // the code itself, or a functional zone that rolls up to it
            conditions.add(Filters.or(Filters.eq("regions", filter.region()), Filters.eq("rollUpRegions", filter.region())));
        }
        return conditions.query();
    }
}
