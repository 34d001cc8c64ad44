package cn.shuangcheng.projects.cooperation.api;

/** The planned investment of a listed year was set, or replaced by a new figure. */
public record AnnualPlanSet(String projectId, int year, long amountYuan) implements ProjectEvents {
}
