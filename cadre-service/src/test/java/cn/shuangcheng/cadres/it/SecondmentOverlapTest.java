package cn.shuangcheng.cadres.it;

import cn.shuangcheng.support.testing.Api;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "One person never has two overlapping secondments" through the API, on two instances of cadre-service sharing one
 * database, the second one with a clock an hour ahead of the first (a host whose clock drifted): every write that
 * lengthens a period (a registration, an extension, a completion after the planned end) is decided against the
 * person's other secondments, whichever instance serves it and whatever its clock says.
 */
class SecondmentOverlapTest {

    private static CadreServiceRig first;
    private static CadreServiceRig second;

    @BeforeAll
    static void start() {
        first = new CadreServiceRig().start();
        second = new CadreServiceRig(first.database, first.topic).withClockAhead(Duration.ofHours(1)).start();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void a_completion_after_the_planned_end_that_would_overlap_another_secondment_is_refused() {
        Pair pair = onPostThenNext(31, "程远", "SC-OVL-1", "2025-03-01");
        String base = "/api/v1/secondments/" + pair.onPost();

        Api.Answer late = first.api().post(base + "/completion").token(Tokens.clerk())
                .json(Map.of("completedOn", "2025-06-01", "reason", "交接延后")).send();

        assertThat(late.status()).as(late.raw().body()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        // the other secondment's dates, not its id: a caller without cadres:pii must not link a person's secondments
        assertThat(late.body().path("detail").asString()).contains("overlaps").contains("from 2025-03-01")
                .doesNotContain(pair.next()).doesNotContain("程远").doesNotContain("SC-OVL-1");
        assertThat(eventsOf(pair.onPost())).containsExactly("SecondmentRegistered", "CadreArrived");

        // after the planned end but up to the hand-over day of the next secondment: no overlap, accepted
        Api.Answer handOver = second.api().post(base + "/completion").token(Tokens.clerk())
                .json(Map.of("completedOn", "2025-03-01")).send();
        assertThat(handOver.status()).as(handOver.raw().body()).isEqualTo(200);
        assertThat(eventsOf(pair.onPost()))
                .containsExactly("SecondmentRegistered", "CadreArrived", "SecondmentCompleted");
    }

    @Test
    void a_completion_on_or_before_the_planned_end_is_accepted_next_to_a_back_to_back_secondment() {
        Pair pair = onPostThenNext(33, "陶然", "SC-OVL-2", "2024-12-31");

        Api.Answer onTheEnd = second.api().post("/api/v1/secondments/" + pair.onPost() + "/completion")
                .token(Tokens.clerk()).json(Map.of("completedOn", "2024-12-31")).send();

        assertThat(onTheEnd.status()).as(onTheEnd.raw().body()).isEqualTo(200);
        assertThat(eventsOf(pair.onPost()))
                .containsExactly("SecondmentRegistered", "CadreArrived", "SecondmentCompleted");
    }

    /** Two secondments of one person: the first on post for 2024, the second one from {@code nextStart}. */
    private record Pair(String onPost, String next) {
    }

    private static Pair onPostThenNext(int batch, String name, String personnelNo, String nextStart) {
        createBatch(batch, 2024, "2024-01-01");
        createBatch(batch + 1, 2024, nextStart);
        Api.Answer onPost = register(first, batch, name, personnelNo, "2024-01-01", "2024-12-31");
        assertThat(onPost.status()).as(onPost.raw().body()).isEqualTo(201);
        Api.Answer next = register(second, batch + 1, name, personnelNo, nextStart, null);
        assertThat(next.status()).as(next.raw().body()).isEqualTo(201);
        assertThat(first.api().post("/api/v1/secondments/" + onPost.id() + "/arrival").token(Tokens.clerk())
                .json(Map.of("arrivedOn", "2024-01-05")).send().status()).isEqualTo(200);
        return new Pair(onPost.id(), next.id());
    }

    /**
     * Four requests per person at once, two through each instance, for six people: each person's requests overlap,
     * so exactly one of them is a secondment. The instance whose clock is ahead must not take the other's decision
     * for abandoned.
     */
    @Test
    void overlapping_registrations_of_one_person_through_two_instances_with_different_clocks_accept_exactly_one()
            throws Exception {
        int people = 6;
        int perPerson = 4;
        for (int p = 0; p < people; p++) {
            createBatch(40 + p, 2024, "2024-11-01");
        }
        ExecutorService pool = Executors.newFixedThreadPool(people * perPerson);
        CountDownLatch go = new CountDownLatch(1);
        Map<Integer, List<Future<Api.Answer>>> answers = new LinkedHashMap<>();
        for (int p = 0; p < people; p++) {
            int person = p;
            for (int r = 0; r < perPerson; r++) {
                CadreServiceRig instance = r % 2 == 0 ? first : second;
                // the same start each time, ends one month apart: every pair overlaps
                String endOn = "2025-0" + (r + 1) + "-01";
                answers.computeIfAbsent(person, k -> new ArrayList<>()).add(pool.submit(() -> {
                    go.await();
                    return register(instance, 40 + person, "并发" + (char) ('甲' + person), "SC-OVL-C" + person,
                            "2024-11-01", endOn);
                }));
            }
        }
        go.countDown();
        Map<Integer, List<Integer>> statuses = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Future<Api.Answer>>> entry : answers.entrySet()) {
            for (Future<Api.Answer> answer : entry.getValue()) {
                statuses.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(answer.get().status());
            }
        }
        pool.shutdown();
        System.out.println("overlapping registrations, statuses per person: " + statuses);

        assertThat(statuses.values()).allSatisfy(perPersonStatuses -> assertThat(perPersonStatuses)
                .containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1));
        long stored = first.storedEvents().stream()
                .filter(e -> e.getString("payloadType").endsWith("SecondmentRegistered"))
                .filter(e -> ((Number) ((Document) e.get("payload")).get("batchNumber")).intValue() >= 40)
                .count();
        assertThat(stored).isEqualTo(people);
        // the refused registrations were taken back and the accepted one settled: nothing left pending
        List<Document> registry = first.documents("cadres",
                new Document("personnelNo", new Document("$regex", "^SC-OVL-C")));
        assertThat(registry).hasSize(people).allSatisfy(entry -> {
            assertThat(entry.getList("secondmentIds", String.class)).hasSize(1);
            assertThat(entry.getList("pending", Document.class)).isEmpty();
        });
    }

    private static void createBatch(int number, int year, String dispatchedOn) {
        Api.Answer batch = first.api().post("/api/v1/batches").token(Tokens.clerk())
                .json(Map.of("number", number, "year", year, "dispatchedOn", dispatchedOn)).send();
        assertThat(batch.status()).as(batch.raw().body()).isEqualTo(201);
    }

    private static Api.Answer register(CadreServiceRig instance, int batch, String name, String personnelNo,
                                       String startOn, String endOn) {
        Map<String, Object> body = TwoInstancesTest.body(name, personnelNo);
        body.put("batchNumber", batch);
        body.put("startOn", startOn);
        if (endOn != null) {
            body.put("endOn", endOn);
        }
        return instance.api().post("/api/v1/secondments").token(Tokens.clerk()).json(body).send();
    }

    /** The simple names of a secondment's stored events, in order. */
    private static List<String> eventsOf(String secondmentId) {
        return first.storedEvents().stream().filter(e -> secondmentId.equals(e.getString("aggregateIdentifier")))
                .map(e -> e.getString("payloadType"))
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }
}
