package cn.shuangcheng.projects.it;

import cn.shuangcheng.support.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static cn.shuangcheng.projects.it.Proposals.railLink;
import static cn.shuangcheng.projects.it.Proposals.without;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problem details speak the caller's language: Simplified Chinese when {@code Accept-Language} asks for it
 * (zh-CN, zh, zh-Hans, by q-value), English otherwise. Real REST calls against the running service.
 */
class LocalisedProblemsTest {

    private static final String HAN = ".*\\p{IsHan}.*";

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
    void a_validation_error_is_in_chinese_for_zh_cn() {
        Api.Answer answer = proposeWithoutName("zh-CN");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(422);
        assertThat(answer.body().path("title").asString()).isEqualTo("校验失败");
        assertThat(answer.body().path("detail").asString()).isEqualTo("1 个字段无效。");
        assertThat(answer.body().path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(answer.body().path("errors").get(0).path("message").asString()).matches(HAN);
        assertThat(answer.body().path("type").asString()).isEqualTo("urn:shuangcheng:problem:validation");
        assertThat(answer.header("Content-Language")).isEqualTo("zh-CN");
    }

    @Test
    void a_validation_error_stays_english_by_default() {
        Api.Answer answer = proposeWithoutName(null);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().path("title").asString()).isEqualTo("Validation failed");
        assertThat(answer.body().path("detail").asString()).isEqualTo("1 field is invalid.");
        assertThat(answer.body().path("errors").get(0).path("message").asString()).isEqualTo("must not be blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "zh", "zh-Hans", "zh-Hans-CN", "en;q=0.5, zh-CN;q=0.9", "fr, zh;q=0.8"})
    void chinese_is_chosen_by_tag_and_q_value(String acceptLanguage) {
        Api.Answer answer = proposeWithoutName(acceptLanguage);
        assertThat(answer.body().path("title").asString()).as(acceptLanguage).isEqualTo("校验失败");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-US", "fr", "zh-CN;q=0.4, en;q=0.9", "*"})
    void anything_else_is_english(String acceptLanguage) {
        Api.Answer answer = proposeWithoutName(acceptLanguage);
        assertThat(answer.body().path("title").asString()).as(acceptLanguage).isEqualTo("Validation failed");
        assertThat(answer.body().path("errors").get(0).path("message").asString()).isEqualTo("must not be blank");
    }

    @Test
    void an_unknown_project_is_404_in_both_languages() {
        String path = "/api/v1/projects/" + UUID.randomUUID();
        Api.Answer chinese = api.get(path).token(Tokens.jointOffice()).header("Accept-Language", "zh-CN").send();
        assertThat(chinese.status()).as(chinese.raw().body()).isEqualTo(404);
        assertThat(chinese.body().path("title").asString()).isEqualTo("未找到");
        assertThat(chinese.body().path("detail").asString()).isEqualTo("没有此 id 的资源。");
        assertThat(chinese.header("Content-Language")).isEqualTo("zh-CN");

        Api.Answer english = api.get(path).token(Tokens.jointOffice()).send();
        assertThat(english.body().path("title").asString()).isEqualTo("Not found");
        assertThat(english.body().path("detail").asString()).isEqualTo("No resource with this id exists.");
    }

    @Test
    void a_missing_token_is_401_in_both_languages() {
        Api.Answer chinese = api.get("/api/v1/projects/" + UUID.randomUUID()).header("Accept-Language", "zh-CN").send();
        assertThat(chinese.status()).isEqualTo(401);
        assertThat(chinese.contentType()).startsWith("application/problem+json");
        assertThat(chinese.body().path("title").asString()).isEqualTo("未认证");
        assertThat(chinese.body().path("detail").asString()).isEqualTo("需要持有者令牌（Bearer token）。");
        assertThat(chinese.header("Content-Language")).isEqualTo("zh-CN");
        assertThat(chinese.header("WWW-Authenticate")).startsWith("Bearer");

        Api.Answer english = api.get("/api/v1/projects/" + UUID.randomUUID()).send();
        assertThat(english.body().path("title").asString()).isEqualTo("Unauthorized");
        assertThat(english.body().path("detail").asString()).isEqualTo("A bearer token is required.");
    }

    @Test
    void a_malformed_body_is_400_in_both_languages() {
        Api.Answer chinese = api.post("/api/v1/projects").token(Tokens.jointOffice())
                .header("Accept-Language", "zh-CN").json("{\"name\": \"成渝中线高铁\", ").send();
        assertThat(chinese.status()).isEqualTo(400);
        assertThat(chinese.body().path("title").asString()).isEqualTo("请求格式错误");
        assertThat(chinese.body().path("detail").asString()).isEqualTo("请求体不是格式正确的 JSON。");

        Api.Answer english = api.post("/api/v1/projects").token(Tokens.jointOffice())
                .json("{\"name\": \"成渝中线高铁\", ").send();
        assertThat(english.body().path("title").asString()).isEqualTo("Malformed request");
        assertThat(english.body().path("detail").asString()).isEqualTo("The request body is not well-formed JSON.");
    }

    @Test
    void a_wrong_type_names_the_field_in_chinese() {
        Api.Answer chinese = api.post("/api/v1/projects").token(Tokens.jointOffice()).header("Accept-Language", "zh")
                .json(Proposals.with(railLink("CY-L10N-T"), "totalInvestmentYuan", "很多")).send();
        assertThat(chinese.status()).isEqualTo(400);
        assertThat(chinese.body().path("title").asString()).isEqualTo("请求无效");
        assertThat(chinese.body().path("errors").get(0).path("message").asString()).isEqualTo("必须是数字");
    }

    private static Api.Answer proposeWithoutName(String acceptLanguage) {
        Api.Request request = api.post("/api/v1/projects").token(Tokens.jointOffice())
                .json(without(railLink("CY-L10N-" + UUID.randomUUID()), "name"));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return request.send();
    }
}
