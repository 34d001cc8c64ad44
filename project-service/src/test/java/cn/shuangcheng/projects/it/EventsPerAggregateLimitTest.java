package cn.shuangcheng.projects.it;

import static cn.shuangcheng.projects.it.Proposals.railLink;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.support.testing.Api;

/**
 * One project's history has a bound (shuangcheng.eventstore.max-events-per-aggregate, set to 4 here): suspending and
 * resuming without end cannot grow its stream past it. The change beyond it is 409, and the project stays as it was.
 */
class EventsPerAggregateLimitTest {

    private static ProjectServiceRig service;
    private static Api api;

    @BeforeAll
    static void start() {
        service = new ProjectServiceRig().with("shuangcheng.eventstore.max-events-per-aggregate", 4).start();
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_change_beyond_the_most_one_project_may_hold_is_refused_and_stores_nothing() {
        Api.Answer proposed = api.post("/api/v1/projects").token(Tokens.intakeSystem()).json(railLink("CY-LONG-1"))
                .send();
        assertThat(proposed.status()).as(proposed.raw().body()).isEqualTo(201);
        String base = "/api/v1/projects/" + proposed.id();
        assertThat(send(api.post(base + "/listings").json(Map.of("listYear", 2023))).status()).isEqualTo(200);
        assertThat(send(api.post(base + "/suspension").json(Map.of("reason", "汛期停工"))).status()).isEqualTo(200);
        assertThat(send(api.post(base + "/resumption").json(Map.of("reason", "复工"))).status()).isEqualTo(200);

        Api.Answer fifth = send(api.post(base + "/suspension").json(Map.of("reason", "又停工")));

        assertThat(fifth.status()).as(fifth.raw().body()).isEqualTo(409);
        assertThat(fifth.contentType()).startsWith("application/problem+json");
        assertThat(fifth.body().path("detail").asString()).contains("holds 4 changes, as many as one may hold");
        assertThat(service.storedEventsOf(proposed.id())).isEqualTo(4);
        Api.Answer project = api.get(base).token(Tokens.intakeSystem()).send();
        assertThat(project.body().path("status").asString()).isEqualTo("APPROVED");
        assertThat(project.body().path("version").asLong()).isEqualTo(3);
        // the refusal left no half-applied state in the cached aggregate: the same change is refused again, for the
        // same reason (a cached copy left SUSPENDED would refuse it too, as a suspension of a suspended project)
        Api.Answer again = send(api.post(base + "/suspension").json(Map.of("reason", "又停工")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("detail").asString()).contains("holds 4 changes, as many as one may hold");
    }

    private static Api.Answer send(Api.Request request) {
        return request.token(Tokens.intakeSystem()).send();
    }
}
