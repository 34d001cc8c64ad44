package cn.shuangcheng.projects.cooperation.api;

import java.time.LocalDate;

public record ProjectCompleted(String projectId, LocalDate completedOn) implements ProjectEvents {
}
