package cn.shuangcheng.projects.cooperation.api;

/** The project was put on year {@code listYear}'s joint major project list; the first listing approves it. */
public record ProjectListed(String projectId, int listYear) implements ProjectEvents {
}
