package cn.shuangcheng.projects.cooperation.api;

/**
 * Marker of the events of a joint major project, as published on {@code shuangcheng.project.events.v1}.
 * Each is a past-tense fact; its JSON Schema is in contracts under {@code schemas/project/}.
 */
public sealed interface ProjectEvents permits ProjectProposed, ProjectListed, AnnualPlanSet, ProjectStarted,
        MilestoneReached, InvestmentRecorded, InvestmentCorrected, ProjectCompleted, ProjectSuspended,
        ProjectResumed, ProjectCancelled {

    String projectId();
}
