package cn.shuangcheng.cadres.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.support.testing.Api;

/**
 * Read-your-writes holds a request thread while the read model catches up. With the read model stopped, a burst of
 * reads of a secondment just written must not all wait (each for the whole catch-up): beyond the bound they answer
 * 503 at once, and once the read model runs again the reads are answered as before (no wait slot is kept).
 */
class ReadsWaitingForTheReadModelTest {

    private static final int MAX_WAITING = 2;
    private static final int READS = 12;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static CadreServiceRig service;
    private static Api api;

    @BeforeAll
    static void start() {
        service = new CadreServiceRig().with("shuangcheng.cadres.read-your-writes.max-waiting", MAX_WAITING)
                .start();
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void beyond_the_bound_a_read_that_would_wait_for_the_read_model_answers_503_at_once() throws Exception {
        String secondment = registered();
        EventProcessingConfiguration processing = service.bean(EventProcessingConfiguration.class);
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        Api.Answer arrived = api.post("/api/v1/secondments/" + secondment + "/arrival").token(Tokens.clerk())
                .json(Map.of("arrivedOn", "2024-03-04")).send();
        assertThat(arrived.status()).as(arrived.raw().body()).isEqualTo(200);

        assertThat(refusedAtOnce(readAllAtOnce("/api/v1/secondments/" + secondment)))
                .isGreaterThanOrEqualTo(READS / 2).isLessThanOrEqualTo(READS - MAX_WAITING);
        // the wait slots are free again once those reads ended: a second burst waits as the first did
        assertThat(refusedAtOnce(readAllAtOnce("/api/v1/secondments/" + secondment)))
                .isGreaterThanOrEqualTo(READS / 2).isLessThanOrEqualTo(READS - MAX_WAITING);

        processing.eventProcessors().values().forEach(EventProcessor::start);
        await().atMost(WAIT).untilAsserted(() -> {
            Api.Answer read = api.get("/api/v1/secondments/" + secondment).token(Tokens.clerk()).send();
            assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
            assertThat(read.body().path("arrivedOn").asString()).isEqualTo("2024-03-04");
        });
    }

    /**
     * All reads start together and at most MAX_WAITING of them wait (3 s each): the others are refused at once, which
     * the detail says. That is exactly READS - MAX_WAITING when every read reaches the server within those 3 s; the
     * test asks for half of them, so that a stalled test machine does not fail it (without the bound none would be).
     */
    private static long refusedAtOnce(List<Api.Answer> answers) {
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.raw().body()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isNotBlank();
        });
        return answers.stream()
                .filter(answer -> answer.body().path("detail").asString().contains("as many reads as may wait"))
                .count();
    }

    private static List<Api.Answer> readAllAtOnce(String path) throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(READS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Answer>> reads = new ArrayList<>();
            for (int i = 0; i < READS; i++) {
                reads.add(readers.submit(() -> {
                    go.await();
                    return api.get(path).token(Tokens.clerk()).send();
                }));
            }
            go.countDown();
            List<Api.Answer> answers = new ArrayList<>();
            for (Future<Api.Answer> read : reads) {
                answers.add(read.get());
            }
            return answers;
        } finally {
            readers.shutdownNow();
        }
    }

    private static String registered() {
        Exchanges.createBatch(api, 41);
        return Exchanges.register(api, 41, "测试", "CQ-41-001", "500103");
    }
}
