package cn.shuangcheng.projects.it;

import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.support.testing.CommittedApiDocs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API documents as partners find them: Swagger UI and /v3/api-docs without a token (the API itself still
 * needs one), and the served OpenAPI document equal to docs/openapi/project-service.json.
 */
class ServedApiDocsTest {

    private static ProjectServiceRig service;
    private static Api api;

    @BeforeAll
    static void start() {
        service = new ProjectServiceRig().start();
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void swagger_ui_is_served_without_a_token_and_the_api_still_needs_one() {
        Api.Answer ui = api.get("/swagger-ui/index.html").send();
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.contentType()).startsWith("text/html");
        assertThat(ui.raw().body()).contains("swagger-ui-bundle.js").doesNotContain("//unpkg.com", "//cdn.");
        assertThat(api.get("/swagger-ui/swagger-ui-bundle.js").send().status()).isEqualTo(200);
        assertThat(api.get("/swagger-ui/swagger-initializer.js").send().raw().body()).contains("/v3/api-docs");
        assertThat(api.get("/swagger-ui.html").send().status()).isIn(200, 302);
        assertThat(api.get("/api/v1/projects/P-1").send().status()).isEqualTo(401);
    }

    @Test
    void the_served_document_is_the_committed_one() {
        CommittedApiDocs.assertServedEqualsCommitted(api, "project-service");
    }

    @Test
    void the_served_document_names_no_port() {
        String served = api.get("/v3/api-docs").send().raw().body();
        assertThat(served).doesNotContain("127.0.0.1", "localhost");
    }
}
