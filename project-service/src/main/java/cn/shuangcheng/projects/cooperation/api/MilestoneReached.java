package cn.shuangcheng.projects.cooperation.api;

import java.time.LocalDate;

public record MilestoneReached(String projectId, String name, LocalDate reachedOn, String note)
        implements ProjectEvents {
}
