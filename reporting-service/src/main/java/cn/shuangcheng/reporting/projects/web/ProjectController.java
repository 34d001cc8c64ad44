package cn.shuangcheng.reporting.projects.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.shuangcheng.reporting.projects.api.ProjectView;
import cn.shuangcheng.reporting.projects.api.TimelineEntry;
import cn.shuangcheng.reporting.projects.mongo.ProjectQueries;
import cn.shuangcheng.contracts.regions.RegionCatalog;
import cn.shuangcheng.reporting.projects.domain.ProjectFilterValues.Platform;
import cn.shuangcheng.reporting.projects.domain.ProjectFilterValues.Sector;
import cn.shuangcheng.reporting.projects.domain.ProjectFilterValues.Status;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.reporting.readmodel.web.NotFoundException;
import cn.shuangcheng.reporting.readmodel.api.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The project read model: list, one project, its timeline. Scope reports:read. */
@RestController
@Tag(name = "projects", description = "Joint major projects as the read side knows them; scope reports:read")
public record ProjectController(ProjectQueries queries) {

    private static final RegionCatalog REGIONS = RegionCatalog.standard();

    @GetMapping("/api/v1/projects")
    @Operation(operationId = "listProjects", summary = "Projects, filtered and paged",
            description = "Filters: year (on that year's joint list), sector, platform, status, region (a project "
                    + "whose regions include the code, or a functional zone that rolls up to it). Paged "
                    + "{items, page, size, total}, page at most 10,000, size at most 500, ordered by id.")
    public Page<ProjectView> list(@RequestParam(required = false) Integer year,
                                  @RequestParam(required = false) Sector sector,
                                  @RequestParam(required = false) Platform platform,
                                  @RequestParam(required = false) String region,
                                  @RequestParam(required = false) Status status,
                                  @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        if (region != null && !REGIONS.isKnown(region)) {
            throw new RuleViolatedException("region", "unknown region code " + region
                    + ": a GB/T 2260 code of Sichuan (51xxxx) or Chongqing (50xxxx), or a registered zone code");
        }
        return queries.list(new ProjectQueries.Filter(year, sector, platform, region, status), page, size);
    }

    @GetMapping("/api/v1/projects/{id}")
    @Operation(operationId = "getProject", summary = "One project",
            description = "State, dates, plans by year (annualPlans), investment by month (investments, with the "
                    + "number of corrections of each month), milestones, investedToDateYuan (opening balance plus "
                    + "every recorded month), each amount also in 亿元 (…Yi). How far the read model has applied the "
                    + "project's events is an admin view: GET /api/v1/admin/projects/{id} (reports:admin).")
    public ProjectView one(@PathVariable String id) {
        return queries.find(id).orElseThrow(ProjectController::noSuchProject);
    }

    @GetMapping("/api/v1/projects/{id}/timeline")
    @Operation(operationId = "getProjectTimeline",
            summary = "Every event applied to the project, in sequence order, paged: {sequence, type, time, principal, data}",
            description = "page at most 10,000, size at most 500")
    public Page<TimelineEntry> timeline(@PathVariable String id,
                                        @Parameter @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                        @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        if (queries.find(id).isEmpty()) {
            throw noSuchProject();
        }
        return queries.timeline(id, page, size);
    }

    /** The 404 of every project path, here and in {@link ProjectDiagnosticsController}. */
    static NotFoundException noSuchProject() {
        return new NotFoundException("No project with this id exists.");
    }
}
