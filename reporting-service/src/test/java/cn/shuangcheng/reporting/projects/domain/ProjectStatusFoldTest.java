package cn.shuangcheng.reporting.projects.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.ProjectListed;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.ProjectProposed;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.ProjectResumed;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.ProjectSuspended;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;

/** The status the project read model folds, against the write side's lifecycle (ProjectLifecycle). */
class ProjectStatusFoldTest {

    private static final String ID = "P-1";

    private static Document fold(Object... payloads) {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            events.add(new StoredEvent(ID, i, "e-" + i, "type", payloads[i].getClass().getSimpleName(),
                    Instant.parse("2023-01-01T00:00:00Z").plusSeconds(i), "clerk", null, payloads[i], new Document()));
        }
        return new ProjectProjection().fold(ID, events);
    }

    private static ProjectProposed proposed() {
        return new ProjectProposed(ID, "REF-1", "项目", "ECOLOGY", null, List.of("510500"), List.of(), 1_000L, null,
                null, null);
    }

    @Test
    void a_project_listed_while_suspended_resumes_approved() {
        Document project = fold(proposed(), new ProjectSuspended(ID, "暂缓"), new ProjectListed(ID, 2024),
                new ProjectResumed(ID, "恢复"));
        assertThat(project.getString("status")).isEqualTo("APPROVED");
    }

    @Test
    void a_proposed_project_suspended_and_resumed_is_proposed_again() {
        Document project = fold(proposed(), new ProjectSuspended(ID, "暂缓"), new ProjectResumed(ID, "恢复"));
        assertThat(project.getString("status")).isEqualTo("PROPOSED");
    }
}
