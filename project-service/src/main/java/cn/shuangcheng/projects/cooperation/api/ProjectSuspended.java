package cn.shuangcheng.projects.cooperation.api;

public record ProjectSuspended(String projectId, String reason) implements ProjectEvents {
}
