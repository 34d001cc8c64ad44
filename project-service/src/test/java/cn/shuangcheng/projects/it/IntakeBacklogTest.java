package cn.shuangcheng.projects.it;

import cn.shuangcheng.projects.intake.mongo.IntakeBatchStore;
import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.support.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One intake client's backlog is bounded: with {@code max-pending-batches} batches not yet completed, its next batch
 * is 429 and nothing of it is stored, while its resends and other clients' batches are taken in as before. The
 * pending batches are registered in the store without being handed to the worker, and the lease is long, so that
 * no worker takes them up during the test.
 */
class IntakeBacklogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ProjectServiceRig service;
    private static Api api;

    @BeforeAll
    static void start() {
        service = new ProjectServiceRig()
                .with("shuangcheng.intake.max-pending-batches", "2")
                .with("shuangcheng.intake.batch-lease", "30m")
                .with("shuangcheng.intake.batch-lease-renewal", "10m")
                .start();
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String pendingBatch(String key) throws Exception {
        IntakeBatchStore store = service.bean(IntakeBatchStore.class);
        IntakeBatchStore.RowWriter rows = store.newRows();
        rows.add(JSON.writeValueAsString(IntakeWorkersSurviveTest.item("BACKLOG-" + UUID.randomUUID())), null);
        return store.register(rows, Tokens.INTAKE_SYSTEM, key, "hash-" + key).batchId();
    }

    private static Api.Answer submit(String token, String key) throws Exception {
        return api.post("/api/v1/intake/batches").token(token).header("Idempotency-Key", key)
                .json(JSON.writeValueAsString(Map.of("items",
                        List.of(IntakeWorkersSurviveTest.item("BACKLOG-" + UUID.randomUUID()))))).send();
    }

    /** The limit is asked again once the body is read: the client's other upload may have registered meanwhile. */
    @Test
    void an_upload_that_finds_the_limit_reached_when_its_body_is_read_is_429_and_its_rows_are_removed()
            throws Exception {
        String client = "intake-system-slow-" + UUID.randomUUID();
        IntakeBatchStore store = service.bean(IntakeBatchStore.class);
        IntakeBatchStore.RowWriter earlier = store.newRows();
        earlier.add("{}", null);
        store.register(earlier, client, "slow-1", "hash");
        long orphansBefore = service.intakeRowsWithoutBatch();

        java.io.PipedOutputStream body = new java.io.PipedOutputStream();
        java.io.PipedInputStream upload = new java.io.PipedInputStream(body, 1 << 16);
        var answer = java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(
                        service.uri("/api/v1/intake/batches"))
                .header("Authorization", "Bearer " + TestTokens.token(client, "intake:submit"))
                .header("Idempotency-Key", "slow-2").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> upload)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String item = JSON.writeValueAsString(IntakeWorkersSurviveTest.item("SLOW-" + UUID.randomUUID()));
        body.write("{\"items\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int row = 0; row < 600; row++) { // more than a chunk of 500: rows are in the store while it is read
            body.write((item + ",").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        body.flush();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> service.intakeRowsWithoutBatch() >= orphansBefore + 500);

        IntakeBatchStore.RowWriter meanwhile = store.newRows();
        meanwhile.add("{}", null);
        store.register(meanwhile, client, "slow-3", "hash"); // the second of its limit of 2
        body.write((item + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.close();

        var refused = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(service.intakeRowsWithoutBatch()).isEqualTo(orphansBefore);
    }

    @Test
    void a_client_with_its_limit_of_batches_not_completed_gets_429_and_nothing_is_stored() throws Exception {
        String first = pendingBatch("k-1");
        pendingBatch("k-2");
        long rowsWithoutBatch = service.intakeRowsWithoutBatch();

        Api.Answer refused = submit(Tokens.intakeSystem(), "k-3");

        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("type").asString()).isEqualTo("urn:shuangcheng:problem:too-many-requests");
        assertThat(refused.header("Retry-After")).isEqualTo("60");
        assertThat(service.intakeRowsWithoutBatch()).isEqualTo(rowsWithoutBatch);

        // a key already used is answered as before, not with 429 (here 422: the stored batch has another body)
        Api.Answer resent = submit(Tokens.intakeSystem(), "k-1");
        assertThat(resent.status()).as(resent.raw().body()).isEqualTo(422);
        assertThat(resent.body().path("detail").asString()).contains(first);

        // another client's backlog is its own
        Api.Answer other = submit(TestTokens.token("intake-system-chongqing", "intake:submit"), "k-1");
        assertThat(other.status()).as(other.raw().body()).isEqualTo(202);
    }
}
