package cn.shuangcheng.projects.it;

import cn.shuangcheng.projects.intake.application.IntakeBatchWorker;
import cn.shuangcheng.projects.intake.mongo.IntakeBatchStore;
import cn.shuangcheng.support.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batches take turns of 500 rows: a one-row batch of another client, queued behind a 1,200-row batch, completes
 * while the large one still has rows left, instead of waiting for all of them.
 */
class IntakeTurnsTest {

    private static ProjectServiceRig service;

    @BeforeAll
    static void start() {
        service = new ProjectServiceRig().start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String stored(String principal, String key, int rows) {
        IntakeBatchStore store = service.bean(IntakeBatchStore.class);
        IntakeBatchStore.RowWriter writer = store.newRows();
        for (int row = 0; row < rows; row++) {
            writer.add("{\"externalRef\":\"TURNS-" + key + "-" + row + "\",\"sector\":\"NOT_A_SECTOR\"}", null);
        }
        return store.register(writer, principal, key, "hash-" + key).batchId();
    }

    private static JsonNode batch(String id, String principal) {
        Api.Answer answer = service.api().get("/api/v1/intake/batches/" + id)
                .token(cn.shuangcheng.support.testing.TestTokens.token(principal, "intake:submit")).send();
        return answer.body();
    }

    @Test
    void a_small_batch_queued_behind_a_large_one_completes_before_it() {
        String large = stored("intake-large", "large", 1_200);
        String small = stored("intake-small", "small", 1);
        IntakeBatchWorker worker = service.bean(IntakeBatchWorker.class);
        worker.submit(large);
        worker.submit(small);

        await().atMost(Duration.ofSeconds(90)).until(() -> "COMPLETED".equals(
                batch(small, "intake-small").path("status").asString()));
        JsonNode largeNow = batch(large, "intake-large");
        assertThat(largeNow.path("status").asString()).isNotEqualTo("COMPLETED");
        assertThat(largeNow.path("processed").asInt()).as(largeNow.toString()).isBetween(500, 1_199);

        await().atMost(Duration.ofSeconds(90)).until(() -> "COMPLETED".equals(
                batch(large, "intake-large").path("status").asString()));
        assertThat(batch(large, "intake-large").path("rejected").asInt()).isEqualTo(1_200);
    }
}
