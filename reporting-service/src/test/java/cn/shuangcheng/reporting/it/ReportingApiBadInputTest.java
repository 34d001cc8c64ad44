package cn.shuangcheng.reporting.it;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad queries get an RFC 9457 problem naming what is wrong, never an empty answer that looks like data: a misspelt
 * filter value, a month that is not a month, an asOf outside the year, a page beyond 10,000 (page * size once
 * overflowed int and answered 500), a size beyond 500, a missing year.
 */
class ReportingApiBadInputTest {

    private static ReportingRig rig;

    @BeforeAll
    static void start() {
        rig = new ReportingRig().start();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @ParameterizedTest(name = "{0} -> {1} on {2}")
    @CsvSource({
            "/api/v1/reports/portfolio,                      400, year",
            "/api/v1/reports/portfolio?year=twenty,          400, year",
            "/api/v1/reports/portfolio?year=2023&asOf=2023-13, 400, asOf",
            "/api/v1/reports/portfolio?year=2023&asOf=2022-12, 422, asOf",
            "/api/v1/reports/portfolio?year=2147483647,      422, year",
            "/api/v1/reports/portfolio?year=0,               422, year",
            "/api/v1/projects?sector=INFRA,                  400, sector",
            "/api/v1/projects?platform=gaozhu,               400, platform",
            "/api/v1/projects?status=DONE,                   400, status",
            "/api/v1/projects?region=999999,                 422, region",
            "/api/v1/projects?year=last,                     400, year",
            "/api/v1/projects?page=-1,                       422, page",
            "/api/v1/projects?size=501,                      422, size",
            "/api/v1/projects?page=10001,                    422, page",
            "/api/v1/projects?page=2147483647&size=500,      422, page",
            "/api/v1/projects?page=99999999999,              400, page",
            "/api/v1/projects/p-1/timeline?page=10001,       422, page",
            "/api/v1/projects/p-1/timeline?page=2147483647&size=500, 422, page",
            "/api/v1/projects/p-1/timeline?size=501,         422, size",
            "/api/v1/agenda-items?list=POLICY,               400, list",
            "/api/v1/agenda-items?status=DONE,               400, status",
            "/api/v1/agenda-items?overdue=maybe,             400, overdue",
            "/api/v1/agenda-items?page=-1,                   422, page",
            "/api/v1/agenda-items?page=10001,                422, page",
            "/api/v1/agenda-items?size=501,                  422, size",
            "/api/v1/agenda-items?size=0,                    422, size",
            "/api/v1/agenda-items?page=2147483647&size=500,  422, page",
            "/api/v1/agenda-items?page=99999999999,          400, page",
    })
    void aBadQueryIsAProblemNamingTheParameter(String path, int status, String field) {
        HttpResponse<String> response = rig.get(path, "application/json", "reports:read");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        JsonNode problem = ReportingRig.JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.toString()).contains(field);
    }

    @Test
    void anOwnerUnitOrProjectIdLongerThanANameMayBeIsAProblemAndAnOddOneJustMatchesNothing() {
        for (String parameter : new String[] {"ownerUnit", "projectId"}) {
            HttpResponse<String> response = rig.get("/api/v1/agenda-items?" + parameter + "=" + "x".repeat(201),
                    "application/json", "reports:read");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
            assertThat(response.body()).contains(parameter);
        }
        JsonNode odd = rig.json("/api/v1/agenda-items?ownerUnit=%7B%22%24ne%22%3A1%7D&projectId=%24where");
        assertThat(odd.path("total").asLong()).isZero();
    }

    @Test
    void theLastAllowedPageIsAnEmptyPageNotAnOverflow() {
        JsonNode page = rig.json("/api/v1/projects?page=10000&size=500");

        assertThat(page.path("items").size()).isZero();
        assertThat(page.path("page").asInt()).isEqualTo(10_000);
    }

    @Test
    void aKnownFilterValueIsAnsweredWithAPage() {
        JsonNode page = rig.json("/api/v1/projects?sector=INFRASTRUCTURE&platform=GAOZHU&status=STARTED&region=500000");

        assertThat(page.path("total").asLong()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(50);
    }

    @Test
    void withoutATokenIs401AndWithoutTheScopeIs403() {
        HttpResponse<String> anonymous = rig.anonymousGet("/api/v1/reports/portfolio?year=2023");
        HttpResponse<String> writer = rig.get("/api/v1/reports/portfolio?year=2023", "application/json",
                "projects:write");
        HttpResponse<String> rebuildByReader = rig.post("/api/v1/admin/rebuilds", "reports:read");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(writer.statusCode()).isEqualTo(403);
        assertThat(rebuildByReader.statusCode()).isEqualTo(403);
    }
}
