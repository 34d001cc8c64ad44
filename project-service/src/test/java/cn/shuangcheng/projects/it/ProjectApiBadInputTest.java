package cn.shuangcheng.projects.it;

import cn.shuangcheng.support.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static cn.shuangcheng.projects.it.Proposals.railLink;
import static cn.shuangcheng.projects.it.Proposals.with;
import static cn.shuangcheng.projects.it.Proposals.without;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input gets its RFC 9457 problem+json answer and leaves the event store as it was:
 * after each test the number of stored events is compared with the number before it.
 */
class ProjectApiBadInputTest {

    private static ProjectServiceRig service;
    private static Api api;
    private static String approvedProject;
    private long eventsBefore;

    @BeforeAll
    static void start() {
        service = new ProjectServiceRig().start();
        api = service.api();
        approvedProject = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                .json(railLink("CY-BAD-" + UUID.randomUUID())).send().id();
        api.post("/api/v1/projects/" + approvedProject + "/listings").token(Tokens.intakeSystem())
                .json(Map.of("listYear", 2023)).send();
        api.post("/api/v1/projects/" + approvedProject + "/investments").token(Tokens.intakeSystem())
                .json(Map.of("period", "2023-01", "amountYuan", 1_000L)).send();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @BeforeEach
    void countEvents() {
        eventsBefore = service.storedEvents();
    }

    @AfterEach
    void nothingChanged() {
        assertThat(service.storedEvents()).as("events stored after a refused request").isEqualTo(eventsBefore);
    }

    @Test
    void malformed_json_is_400() {
        Api.Answer answer = propose("{\"name\": \"成渝中线高铁\", ");
        assertProblem(answer, 400);
    }

    @Test
    void a_wrong_json_type_is_400_naming_the_field() {
        Api.Answer answer = propose(with(railLink("CY-T"), "totalInvestmentYuan", "很多"));
        assertProblem(answer, 400);
        assertThat(fields(answer)).contains("totalInvestmentYuan");
    }

    @Test
    void an_unknown_enum_value_is_400_naming_the_field() {
        Api.Answer answer = propose(with(railLink("CY-E"), "sector", "SPACE_PROGRAM"));
        assertProblem(answer, 400);
        assertThat(fields(answer)).contains("sector");
    }

    @Test
    void a_missing_required_field_is_422_with_the_field_listed() {
        Api.Answer answer = propose(without(railLink("CY-M"), "name"));
        assertProblem(answer, 422);
        assertThat(fields(answer)).contains("name");
    }

    @Test
    void a_negative_amount_is_422() {
        Api.Answer answer = propose(with(railLink("CY-N"), "totalInvestmentYuan", -5));
        assertProblem(answer, 422);
        assertThat(fields(answer)).contains("totalInvestmentYuan");
    }

    @Test
    void a_fractional_amount_of_yuan_is_400_not_truncated() {
        Api.Answer answer = propose(with(railLink("CY-F"), "totalInvestmentYuan", 1.5));
        assertProblem(answer, 400);
        assertThat(fields(answer)).contains("totalInvestmentYuan");
    }

    @Test
    void an_amount_beyond_ten_to_the_fourteen_is_422() {
        Api.Answer answer = propose(with(railLink("CY-B"), "totalInvestmentYuan", Long.MAX_VALUE));
        assertProblem(answer, 422);
        assertThat(fields(answer)).contains("totalInvestmentYuan");
        Api.Answer month = api.post("/api/v1/projects/" + approvedProject + "/investments").token(Tokens.intakeSystem())
                .json(Map.of("period", "2023-02", "amountYuan", 100_000_000_000_001L)).send();
        assertProblem(month, 422);
        assertThat(fields(month)).contains("amountYuan");
    }

    @Test
    void names_and_lists_beyond_their_bounds_are_422() {
        Api.Answer longName = propose(with(railLink("CY-L"), "name", "路".repeat(201)));
        assertProblem(longName, 422);
        assertThat(fields(longName)).contains("name");
        Api.Answer manyUnits = propose(with(railLink("CY-U"), "leadUnits", java.util.Collections.nCopies(101, "四川省发展改革委")));
        assertProblem(manyUnits, 422);
        assertThat(fields(manyUnits)).contains("leadUnits");
    }

    /** The id is derived from the reference as written: a twin typed another way would be a second project. */
    @Test
    void a_reference_typed_in_a_non_canonical_form_is_422() {
        String ref = "CY-NFKC-" + UUID.randomUUID();
        String fullWidth = ref.chars().mapToObj(c -> c == '-' || c > 0x7e ? String.valueOf((char) c)
                : String.valueOf((char) (c - 0x20 + 0xFF00))).collect(java.util.stream.Collectors.joining());
        for (String twin : List.of(fullWidth, ref + "\u200B", ref.replace("-", "-\u0000"))) {
            Api.Answer answer = propose(with(railLink("ignored"), "externalRef", twin));
            assertProblem(answer, 422);
            assertThat(fields(answer)).containsExactly("externalRef");
        }
        Api.Answer agendaTwin = api.post("/api/v1/agenda-items").token(Tokens.jointOffice()).json(Map.of(
                "externalRef", fullWidth, "list", "POLICY_NEED", "title", "川渝通办", "ownerUnits", List.of("川渝办")))
                .send();
        assertProblem(agendaTwin, 422);
        assertThat(fields(agendaTwin)).containsExactly("externalRef");
    }

    /** Refused while it is read: a list of 20,000 was bound whole before @Size answered 422. */
    @Test
    void a_body_of_more_than_ten_thousand_tokens_is_400() {
        Api.Answer answer = propose(with(railLink("CY-TOKENS"), "regions", java.util.Collections.nCopies(20_000, "510100")));
        assertProblem(answer, 400);
    }

    @Test
    void deep_nesting_and_duplicate_keys_are_400() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertProblem(propose("{\"externalRef\":\"CY-D\",\"extra\":" + deep + "}"), 400);
        assertProblem(propose("{\"externalRef\":\"CY-K\",\"name\":\"甲\",\"name\":\"乙\",\"sector\":\"ECOLOGY\","
                + "\"regions\":[\"510100\"],\"totalInvestmentYuan\":1}"), 400);
    }

    @Test
    void an_unknown_region_code_is_422() {
        Api.Answer answer = propose(with(railLink("CY-R"), "regions", List.of("510100", "440300")));
        assertProblem(answer, 422);
        assertThat(answer.body().path("detail").asString()).contains("440300");
    }

    @Test
    void no_region_at_all_is_422() {
        Api.Answer answer = propose(with(railLink("CY-R0"), "regions", List.of()));
        assertProblem(answer, 422);
        assertThat(fields(answer)).contains("regions");
    }

    @Test
    void an_oversized_body_is_413() {
        Api.Answer answer = propose(with(railLink("CY-BIG"), "description", "长".repeat(2_000_000)));
        assertProblem(answer, 413);
    }

    @Test
    void a_wrong_media_type_is_415() {
        Api.Answer answer = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                .header("Content-Type", "text/plain").json("name=成渝中线高铁").send();
        assertProblem(answer, 415);
    }

    @Test
    void an_unknown_project_is_404() {
        Api.Answer answer = api.post("/api/v1/projects/" + UUID.randomUUID() + "/listings")
                .token(Tokens.intakeSystem()).json(Map.of("listYear", 2023)).send();
        assertProblem(answer, 404);
    }

    @Test
    void a_state_conflict_is_409() {
        Api.Answer answer = api.post("/api/v1/projects/" + approvedProject + "/completion")
                .token(Tokens.intakeSystem()).json(Map.of("completedOn", "2023-06-30")).send();
        assertProblem(answer, 409);
    }

    @Test
    void a_second_record_for_the_same_month_is_409() {
        Api.Answer answer = api.post("/api/v1/projects/" + approvedProject + "/investments")
                .token(Tokens.intakeSystem()).json(Map.of("period", "2023-01", "amountYuan", 2_000L)).send();
        assertProblem(answer, 409);
    }

    @Test
    void a_month_in_the_future_is_422() {
        Api.Answer answer = api.post("/api/v1/projects/" + approvedProject + "/investments")
                .token(Tokens.intakeSystem()).json(Map.of("period", "2999-01", "amountYuan", 2_000L)).send();
        assertProblem(answer, 422);
        assertThat(fields(answer)).contains("period");
    }

    @Test
    void a_malformed_period_is_400() {
        Api.Answer answer = api.post("/api/v1/projects/" + approvedProject + "/investments")
                .token(Tokens.intakeSystem()).json(Map.of("period", "2023-13", "amountYuan", 2_000L)).send();
        assertProblem(answer, 400);
        assertThat(fields(answer)).contains("period");
    }

    @Test
    void a_malformed_period_in_the_path_is_400() {
        Api.Answer answer = api.put("/api/v1/projects/" + approvedProject + "/investments/2023-13")
                .token(Tokens.intakeSystem()).json(Map.of("amountYuan", 2_000L, "reason", "更正")).send();
        assertProblem(answer, 400);
    }

    @Test
    void a_malformed_if_match_is_400() {
        Api.Answer answer = api.post("/api/v1/projects/" + approvedProject + "/listings")
                .token(Tokens.intakeSystem()).header("If-Match", "\"latest\"").json(Map.of("listYear", 2024)).send();
        assertProblem(answer, 400);
    }

    @Test
    void no_token_is_401() {
        Api.Answer answer = api.post("/api/v1/projects").json(railLink("CY-401")).send();
        assertProblem(answer, 401);
    }

    @Test
    void a_token_without_the_write_scope_is_403() {
        Api.Answer answer = api.post("/api/v1/projects").token(Tokens.reportReader()).json(railLink("CY-403")).send();
        assertProblem(answer, 403);
    }

    @Test
    void a_token_signed_by_someone_else_is_401() {
        String token = Tokens.intakeSystem();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "Zm9yZ2Vk";
        Api.Answer answer = api.post("/api/v1/projects").token(forged).json(railLink("CY-FORGED")).send();
        assertProblem(answer, 401);
    }

    private static Api.Answer propose(Object body) {
        return api.post("/api/v1/projects").token(Tokens.intakeSystem()).json(body).send();
    }

    private static void assertProblem(Api.Answer answer, int status) {
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
        assertThat(answer.body().path("title").asString()).isNotBlank();
        assertThat(answer.body().path("type").asString()).isNotBlank();
    }

    private static List<String> fields(Api.Answer answer) {
        return answer.body().path("errors").findValuesAsString("field");
    }
}
