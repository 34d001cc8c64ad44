package cn.shuangcheng.cadres.it;

import cn.shuangcheng.support.testing.Api;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of cadre-service on one database, as docs/architecture.md's "Scaling out" has it: Axon's in-JVM lock no
 * longer serialises the batch, the event store's unique index does. The quota still holds, every place has its
 * secondment and every secondment its place, and a person registered through both instances at once gets one
 * secondment.
 */
class TwoInstancesTest {

    private static CadreServiceRig first;
    private static CadreServiceRig second;

    @BeforeAll
    static void start() {
        first = new CadreServiceRig().start();
        second = new CadreServiceRig(first.database, first.topic).start();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void parallel_registrations_through_two_instances_never_exceed_the_quota_nor_split_a_place_from_its_secondment()
            throws Exception {
        Api.Answer batch = first.api().post("/api/v1/batches").token(Tokens.clerk())
                .json(Map.of("number", 21, "year", 2024, "dispatchedOn", "2024-11-01", "quotaPerDirection", 20)).send();
        assertThat(batch.status()).isEqualTo(201);

        int requests = 40;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Api api = (i % 2 == 0 ? first : second).api();
            Map<String, Object> body = body("川" + (char) ('乙' + i), "SC-TWO-" + i);
            answers.add(pool.submit(() -> {
                go.await();
                return api.post("/api/v1/secondments").token(Tokens.clerk()).json(body).send();
            }));
        }
        go.countDown();
        Map<Integer, Integer> byStatus = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        for (Future<Api.Answer> answer : answers) {
            Api.Answer a = answer.get();
            byStatus.merge(a.status(), 1, Integer::sum);
            if (a.status() == 201) {
                accepted.add(a.id());
            }
        }
        pool.shutdown();

        assertThat(byStatus.get(201)).isEqualTo(20);
        assertThat(byStatus.keySet()).isSubsetOf(201, 409);
        List<Document> stored = first.storedEvents();
        // Only this batch's events: the other test's batch shares the database.
        Set<String> placed = stored.stream().filter(e -> e.getString("payloadType").endsWith("SecondmentPlaceTaken"))
                .filter(e -> batch.id().equals(e.getString("aggregateIdentifier")))
                .map(e -> ((Document) e.get("payload")).getString("secondmentId")).collect(Collectors.toSet());
        Set<String> registered = stored.stream()
                .filter(e -> e.getString("payloadType").endsWith("SecondmentRegistered"))
                .filter(e -> batch.id().equals(((Document) e.get("payload")).getString("batchId")))
                .map(e -> e.getString("aggregateIdentifier")).collect(Collectors.toSet());
        assertThat(placed).hasSize(20).isEqualTo(registered).containsExactlyInAnyOrderElementsOf(accepted);
    }

    @Test
    void one_person_registered_through_both_instances_at_once_gets_one_secondment() throws Exception {
        Api.Answer batch = first.api().post("/api/v1/batches").token(Tokens.clerk())
                .json(Map.of("number", 22, "year", 2024, "dispatchedOn", "2024-11-01")).send();
        assertThat(batch.status()).isEqualTo(201);
        Map<String, Object> body = body("蒲杰", "SC-TWO-SAME");
        body.put("batchNumber", 22);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Api api = (i % 2 == 0 ? first : second).api();
            answers.add(pool.submit(() -> {
                go.await();
                return api.post("/api/v1/secondments").token(Tokens.clerk()).json(body).send();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Answer> answer : answers) {
            statuses.add(answer.get().status());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
    }

    /** A registration in batch 21 from 2024-11-01 (other tests of two instances change what they need). */
    static Map<String, Object> body(String name, String personnelNo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchNumber", 21);
        body.put("cadre", Map.of("name", name, "personnelNo", personnelNo));
        body.put("direction", "SICHUAN_TO_CHONGQING");
        body.put("homeUnit", "四川省发展和改革委员会");
        body.put("homeRegion", "510000");
        body.put("hostUnit", "重庆市发展和改革委员会");
        body.put("hostRegion", "500000");
        body.put("startOn", "2024-11-01");
        return body;
    }
}
