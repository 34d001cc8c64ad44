package cn.shuangcheng.projects.cooperation.api;

import java.time.LocalDate;

/** Construction started (开工). */
public record ProjectStarted(String projectId, LocalDate startedOn) implements ProjectEvents {
}
