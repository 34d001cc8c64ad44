package cn.shuangcheng.reporting.projects.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.shuangcheng.reporting.projects.api.ProjectDiagnostics;
import cn.shuangcheng.reporting.projects.mongo.ProjectQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The read model's diagnostics of one project, for operators: under /api/v1/admin/, so scope reports:admin
 * (ReportingWebConfiguration); a reports:read token gets 403.
 */
@RestController
@Tag(name = "admin", description = "Read-model administration; scope reports:admin")
public record ProjectDiagnosticsController(ProjectQueries queries) {

    @GetMapping("/api/v1/admin/projects/{id}")
    @Operation(operationId = "getProjectDiagnostics",
            summary = "How far the read model has applied one project's events",
            description = "From the active generation: lastSequence (every event up to it applied), maxSequence, "
                    + "eventCount, gaps {count, missingSequences} while events are missing (a late event fills its "
                    + "gap and the project is folded again in order), rollUpRegions (as the portfolio counts the "
                    + "project) and updatedAt (time of the latest event applied). Scope reports:admin.")
    public ProjectDiagnostics diagnostics(@PathVariable String id) {
        return queries.diagnostics(id).orElseThrow(ProjectController::noSuchProject);
    }
}
