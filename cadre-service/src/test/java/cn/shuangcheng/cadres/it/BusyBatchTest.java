package cn.shuangcheng.cadres.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.cadres.exchange.domain.ExchangeBatch;
import cn.shuangcheng.support.testing.Api;

/**
 * A batch that another request holds (a registration being decided, a read of its 1,001 events): requests on it
 * wait {@code shuangcheng.eventstore.aggregate-lock-wait}, here 500 ms, and are answered 503 with Retry-After,
 * nothing changed, as in project-service. (A registration reads the batch first, so it is that read that waits here,
 * before anyone is claimed.) Axon's own lock waited 60 s, with no bound on the requests waiting, so a
 * flood on one batch held every request thread and a proxy's 60 s timeout answered the clerk 504 while the
 * registration went on.
 */
class BusyBatchTest {

    private static CadreServiceRig service;
    private static Api api;

    @BeforeAll
    static void start() {
        service = new CadreServiceRig().with("shuangcheng.eventstore.aggregate-lock-wait", "500ms").start();
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Api.Answer register(String personnelNo) {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("batchNumber", 7);
        registration.put("cadre", Map.of("name", "张三", "personnelNo", personnelNo));
        registration.put("direction", "CHONGQING_TO_SICHUAN");
        registration.put("homeUnit", "重庆市发展改革委");
        registration.put("homeRegion", "500103");
        registration.put("hostUnit", "四川省发展改革委");
        registration.put("hostRegion", "510100");
        registration.put("hostPost", "挂任处长");
        registration.put("startOn", "2024-03-01");
        return api.post("/api/v1/secondments").token(Tokens.clerk()).json(registration).send();
    }

    @Test
    void a_registration_into_a_batch_another_request_holds_is_answered_503_after_the_configured_wait()
            throws Exception {
        Api.Answer batch = api.post("/api/v1/batches").token(Tokens.clerk()).json(Map.of("number", 7,
                "year", 2024, "dispatchedOn", "2024-03-01", "quotaPerDirection", 50)).send();
        assertThat(batch.status()).as(batch.raw().body()).isEqualTo(201);
        Configuration axon = service.bean(Configuration.class);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            axon.repository(ExchangeBatch.class).load(batch.id()); // holds its lock until the unit of work ends
            held.countDown();
            try {
                release.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unitOfWork.rollback();
        });
        try {
            holder.start();
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

            // Axon's own lock would answer after 60 s
            Api.Answer busy = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> register("CQ-BUSY-1"));
            assertThat(busy.status()).as(busy.raw().body()).isEqualTo(503);
            assertThat(busy.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(service.documents("cadres", new org.bson.Document())).as("no one claimed").isEmpty();

            release.countDown();
            holder.join(30_000);
            Api.Answer free = register("CQ-BUSY-1");
            assertThat(free.status()).as(free.raw().body()).isEqualTo(201);
        } finally {
            release.countDown();
        }
    }
}
