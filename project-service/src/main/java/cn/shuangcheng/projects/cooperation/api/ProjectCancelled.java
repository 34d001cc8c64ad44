package cn.shuangcheng.projects.cooperation.api;

public record ProjectCancelled(String projectId, String reason) implements ProjectEvents {
}
