package cn.shuangcheng.projects.cooperation.web;

import io.swagger.v3.oas.annotations.media.Schema;
import cn.shuangcheng.projects.cooperation.api.ProjectStatus;
import cn.shuangcheng.projects.cooperation.domain.DecidedProject;

import java.time.LocalDate;
import java.util.List;

/**
 * GET /api/v1/projects/{id} on project-service: the project as decided now, with its version (also the ETag).
 * reporting-service's view of the same project is the enriched, eventually consistent one.
 */
@Schema(description = "A project as decided now, from the event store (read-your-writes); the version is also the ETag")
record ProjectView(
        @Schema(description = "The project's id", example = "3cd5d35f-a104-3e87-9576-e7a30ef1994c", requiredMode = Schema.RequiredMode.REQUIRED)
        String id,
        @Schema(description = "Its version: send it back as If-Match", example = "17", requiredMode = Schema.RequiredMode.REQUIRED)
        long version,
        @Schema(example = "STARTED", requiredMode = Schema.RequiredMode.REQUIRED) ProjectStatus status,
        @Schema(description = "The years whose joint major project list it is on", example = "[2020, 2021, 2022, 2023, 2024]")
        List<Integer> listYears,
        @Schema(description = "Planned investment per listed year") List<AnnualPlan> annualPlans,
        @Schema(description = "开工: the start of construction", example = "2022-11-28") LocalDate startedOn,
        @Schema(description = "Recorded months, as recorded or last corrected") List<RecordedMonth> investments,
        @Schema(description = "The month up to which the opening balance counts (YYYY-MM)", example = "2022-12")
        String openingAsOf) {

    @Schema(description = "The planned investment of one listed year")
    record AnnualPlan(@Schema(example = "2023") int year, @Schema(example = "8000000000") long amountYuan) {
    }

    /** @param period {@code yyyy-MM} */
    @Schema(description = "A month's completed investment, as recorded or last corrected")
    record RecordedMonth(@Schema(description = "YYYY-MM", example = "2023-01", requiredMode = Schema.RequiredMode.REQUIRED) String period,
                         @Schema(example = "473780000", requiredMode = Schema.RequiredMode.REQUIRED) long amountYuan) {
    }

    static ProjectView of(DecidedProject project, long version) {
        return new ProjectView(project.projectId(), version, project.status(), project.listYears(),
                project.annualPlans().entrySet().stream().map(e -> new AnnualPlan(e.getKey(), e.getValue())).toList(),
                project.startedOn(),
                project.investments().entrySet().stream()
                        .map(e -> new RecordedMonth(e.getKey().toString(), e.getValue())).toList(),
                project.openingAsOf() == null ? null : project.openingAsOf().toString());
    }
}
