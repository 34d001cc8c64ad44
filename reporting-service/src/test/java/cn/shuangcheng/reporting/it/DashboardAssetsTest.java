package cn.shuangcheng.reporting.it;

import cn.shuangcheng.support.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's static pages, its configuration and the charting library are served without a token (they hold no
 * data), while its freshness line and every API call still need reports:read; a request for an asset that is not
 * there is a 404 problem, not a 500.
 */
class DashboardAssetsTest {

    private static ReportingRig rig;

    @BeforeAll
    static void start() {
        rig = new ReportingRig().start();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void thePagesTheirConfigurationAndEchartsAreServedWithoutAToken() {
        HttpResponse<String> page = rig.anonymousGet("/dashboard/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"zh-CN\"", "/webjars/echarts/dist/echarts.min.js");
        assertThat(rig.anonymousGet("/dashboard/app.js").statusCode()).isEqualTo(200);
        assertThat(rig.anonymousGet("/webjars/echarts/dist/echarts.min.js").statusCode()).isEqualTo(200);

        HttpResponse<String> config = rig.anonymousGet("/dashboard/config.json");
        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode json = ReportingRig.JSON.readTree(config.body());
        assertThat(json.path("issuer").asString()).isEqualTo(TestTokens.ISSUER);
        assertThat(json.path("clientId").asString()).isEqualTo("dashboard");
        assertThat(json.path("scope").asString()).isEqualTo("reports:read");
    }

    @Test
    void theFreshnessLineAndTheApiStillNeedReportsRead() {
        assertThat(rig.anonymousGet("/dashboard/api/freshness").statusCode()).isEqualTo(401);
        assertThat(rig.anonymousGet("/api/v1/reports/cadre-exchange").statusCode()).isEqualTo(401);
        assertThat(rig.get("/dashboard/api/freshness", "application/json", "cadres:write").statusCode())
                .isEqualTo(403);

        HttpResponse<String> fresh = rig.get("/dashboard/api/freshness", "application/json", "reports:read");
        assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
        JsonNode json = ReportingRig.JSON.readTree(fresh.body());
        assertThat(json.path("behindRecords").asLong()).isNotNegative();
        assertThat(json.path("behind").asBoolean()).isEqualTo(json.path("behindRecords").asLong() > 0);
        assertThat(json.has("lastAppliedAt")).as("null before the first event, but named").isTrue();
    }

    @Test
    void errorTextIsEscapedBeforeItIsWrittenAsMarkup() {
        // an answer's detail can echo a query value a link chose (region=<img onerror=...>); written into innerHTML
        // unescaped it ran as script on the dashboard's origin, where the bearer token lives
        for (String script : java.util.List.of("/dashboard/app.js", "/dashboard/pages/projects.js",
                "/dashboard/pages/project.js", "/dashboard/pages/statement.js", "/dashboard/pages/agenda.js",
                "/dashboard/pages/cadres.js")) {
            HttpResponse<String> served = rig.anonymousGet(script);
            assertThat(served.statusCode()).as(script).isEqualTo(200);
            assertThat(served.body()).as(script).doesNotContainPattern("innerHTML[^;]*\\$\\{(?!esc\\()[^}]*error");
        }
    }

    @Test
    void thePagesRunScriptOnlyFromTheirOwnOriginAndFetchOnlyFromItAndTheIssuer() {
        // defence in depth behind esc(): markup that slips into the page cannot run script nor send the token away
        for (String page : java.util.List.of("/dashboard/index.html", "/dashboard/app.js")) {
            HttpResponse<String> served = rig.anonymousGet(page);
            assertThat(served.headers().firstValue("Content-Security-Policy")).as(page).get().asString()
                    .contains("default-src 'none'", "script-src 'self';", "connect-src 'self';" /* the test issuer is a urn: no origin to add */,
                            "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'")
                    .doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
        }
    }

    @Test
    void aMissingAssetIsANotFoundProblem() {
        HttpResponse<String> missing = rig.anonymousGet("/dashboard/no-such-page.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
    }
}
