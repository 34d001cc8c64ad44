package cn.shuangcheng.projects.cooperation.api;

public record ProjectResumed(String projectId, String reason) implements ProjectEvents {
}
