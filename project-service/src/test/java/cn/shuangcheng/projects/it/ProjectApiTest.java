package cn.shuangcheng.projects.it;

import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.support.testing.TestTokens;
import cn.shuangcheng.contracts.EventSchemas;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static cn.shuangcheng.projects.it.Proposals.railLink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * project-service end to end: REST with real signed tokens, the MongoDB event store, and publication to the
 * real Kafka broker as CloudEvents.
 */
class ProjectApiTest {

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
    void a_proposal_is_published_as_a_cloud_event_keyed_by_the_project_and_valid_against_its_schema() {
        String correlationId = UUID.randomUUID().toString();
        Api.Answer proposed = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                .header("X-Correlation-Id", correlationId)
                .json(railLink("CY-IT-" + UUID.randomUUID())).send();

        assertThat(proposed.status()).isEqualTo(201);
        assertThat(proposed.header("Location")).endsWith("/api/v1/projects/" + proposed.id());
        assertThat(proposed.version()).isZero();

        ConsumerRecord<String, byte[]> record = recordsOf(proposed.id(), 1).get(0);
        assertThat(record.key()).isEqualTo(proposed.id());
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_type")).isEqualTo("shuangcheng.project.ProjectProposed.v1");
        assertThat(header(record, "ce_source")).isEqualTo("urn:shuangcheng:project-service");
        assertThat(header(record, "ce_subject")).isEqualTo(proposed.id());
        assertThat(header(record, "ce_sequence")).isEqualTo("0");
        assertThat(header(record, "ce_principal")).isEqualTo(Tokens.INTAKE_SYSTEM);
        assertThat(header(record, "ce_correlationid")).isEqualTo(correlationId);
        assertThat(header(record, "ce_id")).isNotBlank();
        assertThat(header(record, "ce_time")).isNotBlank();
        String dataSchema = header(record, "ce_dataschema");
        assertThat(dataSchema).isEqualTo("urn:shuangcheng:schema:project:ProjectProposed:v1");
        assertThat(EventSchemas.standard().validate(dataSchema, record.value())).isEmpty();
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .contains("\"totalInvestmentYuan\":69273000000").contains("\"regions\":[\"510100\",\"500112\"]");
    }

    @Test
    void a_project_from_proposal_to_completion_publishes_every_event_in_order_each_valid_against_its_schema() {
        String id = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                .json(railLink("CY-LIFE-" + UUID.randomUUID())).send().id();
        String base = "/api/v1/projects/" + id;
        assertThat(write(api.post(base + "/listings").json(Map.of("listYear", 2023)))).isEqualTo(1);
        assertThat(write(api.put(base + "/annual-plans/2023").json(Map.of("amountYuan", 8_000_000_000L))))
                .isEqualTo(2);
        assertThat(write(api.post(base + "/start").json(Map.of("startedOn", "2023-02-01")))).isEqualTo(3);
        assertThat(write(api.post(base + "/milestones")
                .json(Map.of("name", "全线首座隧道贯通", "reachedOn", "2023-06-01")))).isEqualTo(4);
        Api.Answer invested = api.post(base + "/investments").token(Tokens.intakeSystem())
                .json(Map.of("period", "2023-02", "amountYuan", 536_090_000L)).send();
        assertThat(invested.status()).isEqualTo(201);
        assertThat(invested.header("Location")).endsWith(base + "/investments/2023-02");
        assertThat(write(api.put(base + "/investments/2023-02")
                .json(Map.of("amountYuan", 536_000_000L, "reason", "统计口径调整")))).isEqualTo(6);
        // the same PUT again (its answer lost), with the If-Match it had: the same version, nothing stored
        assertThat(write(api.put(base + "/investments/2023-02").header("If-Match", "\"5\"")
                .json(Map.of("amountYuan", 536_000_000L, "reason", "统计口径调整")))).isEqualTo(6);
        assertThat(write(api.post(base + "/suspension").json(Map.of("reason", "汛期停工")))).isEqualTo(7);
        assertThat(write(api.post(base + "/resumption").json(Map.of("reason", "复工")))).isEqualTo(8);
        assertThat(write(api.post(base + "/completion").json(Map.of("completedOn", "2023-11-30")))).isEqualTo(9);

        List<ConsumerRecord<String, byte[]>> records = recordsOf(id, 10);
        assertThat(records).extracting(r -> header(r, "ce_type")).containsExactly(
                "shuangcheng.project.ProjectProposed.v1", "shuangcheng.project.ProjectListed.v1",
                "shuangcheng.project.AnnualPlanSet.v1", "shuangcheng.project.ProjectStarted.v1",
                "shuangcheng.project.MilestoneReached.v1", "shuangcheng.project.InvestmentRecorded.v1",
                "shuangcheng.project.InvestmentCorrected.v1", "shuangcheng.project.ProjectSuspended.v1",
                "shuangcheng.project.ProjectResumed.v1", "shuangcheng.project.ProjectCompleted.v1");
        assertThat(records).extracting(r -> header(r, "ce_sequence"))
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        for (ConsumerRecord<String, byte[]> r : records) {
            assertThat(EventSchemas.standard().validate(header(r, "ce_dataschema"), r.value()))
                    .as(header(r, "ce_type")).isEmpty();
        }
    }

    @Test
    void the_location_of_a_proposal_answers_the_project_as_decided_with_its_version_as_etag_for_if_match() {
        Api.Answer proposed = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                .json(railLink("CY-READ-" + UUID.randomUUID())).send();
        String path = java.net.URI.create(proposed.header("Location")).getPath();
        Api.Answer fresh = api.get(path).token(Tokens.reportReader()).send();
        assertThat(fresh.status()).as(fresh.raw().body()).isEqualTo(200);
        assertThat(fresh.header("ETag")).isEqualTo("\"0\"");
        assertThat(fresh.body().path("id").asString()).isEqualTo(proposed.id());
        assertThat(fresh.body().path("status").asString()).isEqualTo("PROPOSED");

        write(api.post(path + "/listings").json(Map.of("listYear", 2023)));
        write(api.put(path + "/annual-plans/2023").json(Map.of("amountYuan", 8_000_000_000L)));
        write(api.post(path + "/start").json(Map.of("startedOn", "2023-02-01")));
        Api.Answer invested = api.post(path + "/investments").token(Tokens.intakeSystem())
                .json(Map.of("period", "2023-02", "amountYuan", 536_090_000L)).send();

        Api.Answer month = api.get(java.net.URI.create(invested.header("Location")).getPath())
                .token(Tokens.reportReader()).send();
        assertThat(month.status()).as(month.raw().body()).isEqualTo(200);
        assertThat(month.body().toString()).isEqualTo("{\"period\":\"2023-02\",\"amountYuan\":536090000}");
        assertThat(month.header("ETag")).isEqualTo("\"" + invested.version() + "\"");
        assertThat(api.get(path + "/investments/2023-03").token(Tokens.reportReader()).send().status())
                .as("a month not recorded").isEqualTo(404);

        Api.Answer read = api.get(path).token(Tokens.reportReader()).send();
        assertThat(read.header("ETag")).as("read-your-writes: the version the last write answered")
                .isEqualTo("\"" + invested.version() + "\"");
        assertThat(read.body().path("version").asLong()).isEqualTo(invested.version());
        assertThat(read.body().path("status").asString()).isEqualTo("STARTED");
        assertThat(read.body().path("listYears").toString()).isEqualTo("[2023]");
        assertThat(read.body().path("startedOn").asString()).isEqualTo("2023-02-01");
        assertThat(read.body().path("annualPlans").toString()).isEqualTo("[{\"year\":2023,\"amountYuan\":8000000000}]");
        assertThat(read.body().path("investments").toString())
                .isEqualTo("[{\"period\":\"2023-02\",\"amountYuan\":536090000}]");

        Api.Answer withEtag = api.post(path + "/milestones").token(Tokens.intakeSystem())
                .header("If-Match", read.header("ETag")).json(Map.of("name", "首座隧道贯通", "reachedOn", "2023-06-01"))
                .send();
        assertThat(withEtag.status()).isEqualTo(200);
        Api.Answer stale = api.post(path + "/milestones").token(Tokens.intakeSystem())
                .header("If-Match", read.header("ETag")).json(Map.of("name", "第二座隧道贯通", "reachedOn", "2023-07-01"))
                .send();
        assertThat(stale.status()).isEqualTo(409);

        String agendaItem = api.post("/api/v1/agenda-items").token(Tokens.jointOffice())
                .json(Map.of("list", "POLICY_NEED", "title", "不是项目", "ownerUnits", List.of("重庆市交通局"))).send().id();
        for (String notAProject : List.of(UUID.randomUUID().toString(), agendaItem)) {
            Api.Answer missing = api.get("/api/v1/projects/" + notAProject).token(Tokens.reportReader()).send();
            assertThat(missing.status()).as(notAProject).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
            Api.Answer command = api.post("/api/v1/projects/" + notAProject + "/start").token(Tokens.intakeSystem())
                    .json(Map.of("startedOn", "2023-02-01")).send();
            assertThat(command.status()).as("a command on " + notAProject).isEqualTo(404);
        }
    }

    /** A client whose answer was lost (a 503, a dropped connection) sends a milestone or a progress report again. */
    @Test
    void a_milestone_or_a_progress_report_sent_again_with_its_idempotency_key_is_recorded_once() {
        Api.Answer proposed = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                .json(railLink("CY-AGAIN-" + UUID.randomUUID())).send();
        String path = java.net.URI.create(proposed.header("Location")).getPath();
        write(api.post(path + "/listings").json(Map.of("listYear", 2023)));
        String key = UUID.randomUUID().toString();
        Map<String, Object> milestone = Map.of("name", "首座隧道贯通", "reachedOn", "2023-06-01");
        Api.Answer first = api.post(path + "/milestones").token(Tokens.intakeSystem()).header("Idempotency-Key", key)
                .header("If-Match", "\"1\"").json(milestone).send();
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        Api.Answer again = api.post(path + "/milestones").token(Tokens.intakeSystem()).header("Idempotency-Key", key)
                .header("If-Match", "\"1\"").json(milestone).send();
        assertThat(again.status()).as(again.raw().body()).isEqualTo(200);
        assertThat(again.version()).isEqualTo(first.version()).isEqualTo(2);
        // the same path spelled otherwise (a percent-encoded character) is the same request
        Api.Answer respelled = api.post(path.replaceFirst("-", "%2D") + "/milestones").token(Tokens.intakeSystem())
                .header("Idempotency-Key", key).json(milestone).send();
        assertThat(respelled.status()).as(respelled.raw().body()).isEqualTo(200);
        assertThat(respelled.version()).isEqualTo(2);
        Api.Answer reused = api.post(path + "/milestones").token(Tokens.intakeSystem()).header("Idempotency-Key", key)
                .json(Map.of("name", "第二座隧道贯通", "reachedOn", "2023-07-01")).send();
        assertThat(reused.status()).as(reused.raw().body()).isEqualTo(422);
        assertThat(reused.body().at("/errors/0/field").asString()).isEqualTo("Idempotency-Key");
        Api.Answer tooLong = api.post(path + "/milestones").token(Tokens.intakeSystem())
                .header("Idempotency-Key", "k".repeat(201)).json(milestone).send();
        assertThat(tooLong.status()).as(tooLong.raw().body()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        // a token that names no client (no sub, client_id or azp) has no key space of its own: two such clients
        // would answer each other's requests
        Api.Answer nameless = api.post(path + "/milestones").token(TestTokens.token(null, "projects:write"))
                .header("Idempotency-Key", UUID.randomUUID().toString()).json(milestone).send();
        assertThat(nameless.status()).as(nameless.raw().body()).isEqualTo(400);
        assertThat(nameless.body().path("detail").asString()).contains("names its client");
        // without a key, each request is a milestone of its own, as before
        assertThat(write(api.post(path + "/milestones").json(milestone))).isEqualTo(3);
        assertThat(service.storedEventsOf(proposed.id())).isEqualTo(4);

        String item = api.post("/api/v1/agenda-items").token(Tokens.jointOffice())
                .json(Map.of("list", "WORK_RESULT", "title", "跨省公交", "ownerUnits", List.of("重庆市交通局"))).send().id();
        for (int attempt = 0; attempt < 2; attempt++) {
            Api.Answer progress = api.post("/api/v1/agenda-items/" + item + "/progress").token(Tokens.jointOffice())
                    .header("Idempotency-Key", key).json(Map.of("note", "转两省市交通部门")).send();
            assertThat(progress.status()).as(progress.raw().body()).isEqualTo(200);
            assertThat(progress.version()).isEqualTo(1);
        }
        assertThat(service.storedEventsOf(item)).isEqualTo(2);
    }

    @Test
    void a_three_lists_item_goes_round_its_closed_loop() {
        Api.Answer created = api.post("/api/v1/agenda-items").token(Tokens.jointOffice())
                .json(Map.of("list", "POLICY_NEED", "title", "跨省公交线路审批与运营补贴衔接需求",
                        "ownerUnits", List.of("重庆市交通局", "四川省交通运输厅"), "dueOn", "2023-06-30"))
                .send();
        assertThat(created.status()).isEqualTo(201);
        String base = java.net.URI.create(created.header("Location")).getPath();
        assertThat(base).isEqualTo("/api/v1/agenda-items/" + created.id());
        Api.Answer opened = api.get(base).token(Tokens.reportReader()).send();
        assertThat(opened.status()).as(opened.raw().body()).isEqualTo(200);
        assertThat(opened.header("ETag")).isEqualTo("\"0\"");
        assertThat(opened.body().path("status").asString()).isEqualTo("OPEN");
        assertThat(opened.body().path("list").asString()).isEqualTo("POLICY_NEED");
        assertThat(opened.body().path("dueOn").asString()).isEqualTo("2023-06-30");
        assertThat(opened.body().path("ownerUnits").toString()).isEqualTo("[\"重庆市交通局\",\"四川省交通运输厅\"]");
        assertThat(write(api.post(base + "/progress").json(Map.of("note", "转两省市交通部门")))).isEqualTo(1);
        assertThat(write(api.post(base + "/delivery").json(Map.of("note", "线路开通")))).isEqualTo(2);
        assertThat(write(api.post(base + "/verification").json(Map.of("note", "销号")))).isEqualTo(3);

        Api.Answer verified = api.get(base).token(Tokens.reportReader()).send();
        assertThat(verified.header("ETag")).isEqualTo("\"3\"");
        assertThat(verified.body().path("status").asString()).isEqualTo("VERIFIED");
        Api.Answer notAnItem = api.get("/api/v1/agenda-items/" + UUID.randomUUID()).token(Tokens.reportReader()).send();
        assertThat(notAnItem.status()).isEqualTo(404);

        Api.Answer afterVerification = api.post(base + "/drop").token(Tokens.jointOffice())
                .json(Map.of("note", "撤回")).send();
        assertThat(afterVerification.status()).isEqualTo(409);

        List<ConsumerRecord<String, byte[]>> records = recordsOf(created.id(), 4);
        assertThat(records).extracting(r -> header(r, "ce_type")).containsExactly(
                "shuangcheng.project.AgendaItemCreated.v1", "shuangcheng.project.AgendaItemProgressed.v1",
                "shuangcheng.project.AgendaItemDelivered.v1", "shuangcheng.project.AgendaItemVerified.v1");
    }

    @Test
    void an_opening_balance_of_zero_is_no_opening_balance() {
        // a month in the future would break the opening balance's rule: with 0 there is no opening balance to break it
        Map<String, Object> zero = Proposals.with(Proposals.with(railLink("CY-ZERO-" + UUID.randomUUID()),
                "openingInvestedYuan", 0), "openingAsOf", "2999-12");
        Api.Answer proposed = api.post("/api/v1/projects").token(Tokens.intakeSystem()).json(zero).send();
        assertThat(proposed.status()).as(proposed.raw().body()).isEqualTo(201);
        Map<String, Object> some = Proposals.with(zero, "externalRef", "CY-SOME-" + UUID.randomUUID());
        some.put("openingInvestedYuan", 5);
        Api.Answer refused = api.post("/api/v1/projects").token(Tokens.intakeSystem()).json(some).send();
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
    }

    @Test
    void the_same_external_ref_again_answers_the_existing_id_and_creates_nothing() {
        String ref = "CY-DUP-" + UUID.randomUUID();
        Api.Answer first = api.post("/api/v1/projects").token(Tokens.intakeSystem()).json(railLink(ref)).send();
        Api.Answer again = api.post("/api/v1/projects").token(Tokens.intakeSystem()).json(railLink(ref)).send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.version()).isZero();
        assertThat(service.storedEventsOf(first.id())).isEqualTo(1);
    }

    /**
     * A proposal or an item without an externalRef, sent again after an answer that never arrived: with its
     * Idempotency-Key it is the same creation; without one it would be a second project, counted twice in reports.
     */
    @Test
    void a_creation_without_an_external_ref_sent_again_with_its_idempotency_key_creates_once() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> proposal = Proposals.without(railLink(null), "externalRef");
        Map<String, Object> item = Map.of("list", "AGREED_MATTER", "title", "共建川渝高竹新区",
                "ownerUnits", List.of("广安市人民政府"));
        for (String[] creation : new String[][] {{"/api/v1/projects", "proposal"}, {"/api/v1/agenda-items", "item"}}) {
            Map<String, Object> body = creation[1].equals("proposal") ? proposal : item;
            Api.Answer first = api.post(creation[0]).token(Tokens.jointOffice()).header("Idempotency-Key", key)
                    .json(body).send();
            assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
            Api.Answer again = api.post(creation[0]).token(Tokens.jointOffice()).header("Idempotency-Key", key)
                    .json(body).send();
            assertThat(again.status()).as(again.raw().body()).isEqualTo(201);
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(again.header("Location")).isEqualTo(first.header("Location"));
            assertThat(again.version()).isZero();
            assertThat(service.storedEventsOf(first.id())).isEqualTo(1);

            Api.Answer reused = api.post(creation[0]).token(Tokens.jointOffice()).header("Idempotency-Key", key)
                    .json(Proposals.with(body, creation[1].equals("proposal") ? "name" : "title", "另一个")).send();
            assertThat(reused.status()).as(reused.raw().body()).isEqualTo(422);
            assertThat(reused.body().at("/errors/0/field").asString()).isEqualTo("Idempotency-Key");
            Api.Answer unkeyed = api.post(creation[0]).token(Tokens.jointOffice()).json(body).send();
            assertThat(unkeyed.status()).isEqualTo(201);
            assertThat(unkeyed.id()).as("without a key, another creation").isNotEqualTo(first.id());
        }
    }

    @Test
    void concurrent_creations_sent_with_one_idempotency_key_create_one_project() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> proposal = Proposals.without(railLink(null), "externalRef");
        List<Api.Answer> answers = concurrently(6, () -> api.post("/api/v1/projects").token(Tokens.jointOffice())
                .header("Idempotency-Key", key).json(proposal).send());

        assertThat(answers).extracting(Api.Answer::status).containsOnly(201);
        assertThat(answers).extracting(Api.Answer::id).containsOnly(answers.get(0).id());
        assertThat(service.storedEventsOf(answers.get(0).id())).isEqualTo(1);
    }

    @Test
    void an_agenda_item_with_an_external_ref_is_created_once_and_found_again_with_its_current_version() {
        String ref = "TL-DUP-" + UUID.randomUUID();
        Map<String, Object> item = Map.of("externalRef", ref, "list", "AGREED_MATTER", "title", "共建川渝高竹新区",
                "ownerUnits", List.of("广安市人民政府"));
        Api.Answer first = api.post("/api/v1/agenda-items").token(Tokens.jointOffice()).json(item).send();
        assertThat(first.status()).isEqualTo(201);
        assertThat(write(api.post("/api/v1/agenda-items/" + first.id() + "/progress").json(Map.of("note", "交办"))))
                .isEqualTo(1);

        Api.Answer again = api.post("/api/v1/agenda-items").token(Tokens.jointOffice())
                .json(Map.of("externalRef", " " + ref + " ", "list", "WORK_RESULT", "title", "另一个标题",
                        "ownerUnits", List.of("联合办公室")))
                .send();

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.version()).isEqualTo(1);
        assertThat(service.storedEventsOf(first.id())).isEqualTo(2);
        ConsumerRecord<String, byte[]> created = recordsOf(first.id(), 1).get(0);
        assertThat(new String(created.value(), StandardCharsets.UTF_8))
                .contains("\"externalRef\":\"" + ref + "\"").contains("共建川渝高竹新区");
        assertThat(EventSchemas.standard().validate(header(created, "ce_dataschema"), created.value())).isEmpty();
    }

    @Test
    void agenda_items_without_an_external_ref_are_distinct_items() {
        Map<String, Object> item = Map.of("list", "WORK_RESULT", "title", "协调开通跨省公交线路2条",
                "ownerUnits", List.of("联合办公室"));
        Api.Answer first = api.post("/api/v1/agenda-items").token(Tokens.jointOffice()).json(item).send();
        Api.Answer second = api.post("/api/v1/agenda-items").token(Tokens.jointOffice()).json(item).send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void concurrent_creations_of_one_agenda_external_ref_create_one_item() throws Exception {
        String ref = "TL-RACE-" + UUID.randomUUID();
        List<Api.Answer> answers = concurrently(8, () -> api.post("/api/v1/agenda-items").token(Tokens.jointOffice())
                .json(Map.of("externalRef", ref, "list", "POLICY_NEED", "title", "跨省公交线路审批",
                        "ownerUnits", List.of("重庆市交通局")))
                .send());

        assertThat(answers).extracting(Api.Answer::status).containsOnly(200, 201);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).extracting(Api.Answer::id).containsOnly(answers.get(0).id());
        assertThat(service.storedEventsOf(answers.get(0).id())).isEqualTo(1);
    }

    @Test
    void concurrent_proposals_of_one_external_ref_create_one_project() throws Exception {
        String ref = "CY-RACE-" + UUID.randomUUID();
        List<Api.Answer> answers = concurrently(8, () ->
                api.post("/api/v1/projects").token(Tokens.intakeSystem()).json(railLink(ref)).send());

        assertThat(answers).extracting(Api.Answer::status).containsOnly(200, 201);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).extracting(Api.Answer::id).containsOnly(answers.get(0).id());
        assertThat(service.storedEventsOf(answers.get(0).id())).isEqualTo(1);
    }

    @Test
    void two_concurrent_writes_on_the_same_version_one_wins_the_other_gets_409() throws Exception {
        String id = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                .json(railLink("CY-CONC-" + UUID.randomUUID())).send().id();
        api.post("/api/v1/projects/" + id + "/listings").token(Tokens.intakeSystem())
                .json(Map.of("listYear", 2023)).send();

        List<String> months = List.of("2023-03", "2023-04");
        List<Api.Answer> answers = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Api.Answer>> futures = new ArrayList<>();
            for (String month : months) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return api.post("/api/v1/projects/" + id + "/investments").token(Tokens.intakeSystem())
                            .header("If-Match", "\"1\"").json(Map.of("period", month, "amountYuan", 100_000L))
                            .send();
                }));
            }
            for (Future<Api.Answer> f : futures) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).extracting(Api.Answer::status).containsExactlyInAnyOrder(201, 409);
        Api.Answer conflict = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(service.storedEventsOf(id)).isEqualTo(3);
    }

    @Test
    void a_stale_if_match_is_409_and_a_current_one_is_accepted() {
        String id = api.post("/api/v1/projects").token(Tokens.intakeSystem())
                .json(railLink("CY-IFM-" + UUID.randomUUID())).send().id();

        Api.Answer listed = api.post("/api/v1/projects/" + id + "/listings").token(Tokens.intakeSystem())
                .header("If-Match", "\"0\"").json(Map.of("listYear", 2023)).send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.version()).isEqualTo(1);
        assertThat(listed.header("ETag")).isEqualTo("\"1\"");

        Api.Answer stale = api.post("/api/v1/projects/" + id + "/listings").token(Tokens.intakeSystem())
                .header("If-Match", "\"0\"").json(Map.of("listYear", 2024)).send();
        assertThat(stale.status()).isEqualTo(409);
        assertThat(service.storedEventsOf(id)).isEqualTo(2);
    }

    @Test
    void openapi_describes_every_project_endpoint() {
        Api.Answer docs = api.get("/v3/api-docs").send();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").propertyNames()).contains(
                "/api/v1/projects", "/api/v1/projects/{id}/listings", "/api/v1/projects/{id}/annual-plans/{year}",
                "/api/v1/projects/{id}/start", "/api/v1/projects/{id}/milestones",
                "/api/v1/projects/{id}/investments", "/api/v1/projects/{id}/investments/{period}",
                "/api/v1/projects/{id}/completion", "/api/v1/projects/{id}/suspension",
                "/api/v1/projects/{id}/resumption", "/api/v1/projects/{id}/cancellation",
                "/api/v1/agenda-items", "/api/v1/agenda-items/{id}/progress", "/api/v1/agenda-items/{id}/delivery",
                "/api/v1/agenda-items/{id}/verification", "/api/v1/agenda-items/{id}/drop");
    }

    /** Sends a write with the intake system's token, expects 200 and answers the new version. */
    private static long write(Api.Request request) {
        Api.Answer answer = request.token(Tokens.intakeSystem()).send();
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        return answer.version();
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String key, int count) {
        return ProjectTopic.recordsOf(service.topic, key, count, Duration.ofSeconds(60));
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <T> List<T> concurrently(int parallel, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch ready = new CountDownLatch(parallel);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return call.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static {
        // the shared broker starts before the first service, so its start-up is not counted in a test's deadline
        SharedKafka.bootstrapServers();
    }
}
