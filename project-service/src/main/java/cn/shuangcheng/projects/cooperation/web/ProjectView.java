package cn.shuangcheng.projects.cooperation.web;

import cn.shuangcheng.projects.cooperation.api.ProjectStatus;
import cn.shuangcheng.projects.cooperation.domain.DecidedProject;

import java.time.LocalDate;
import java.util.List;

/**
 * GET /api/v1/projects/{id} on project-service: the project as decided now, with its version (also the ETag).
 * reporting-service's view of the same project is the enriched, eventually consistent one.
 */
record ProjectView(String id, long version, ProjectStatus status, List<Integer> listYears,
                   List<AnnualPlan> annualPlans, LocalDate startedOn, List<RecordedMonth> investments,
                   String openingAsOf) {

    record AnnualPlan(int year, long amountYuan) {
    }

    /** @param period {@code yyyy-MM} */
    record RecordedMonth(String period, long amountYuan) {
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
