package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.support.testing.ManagementPort;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * MongoDB goes away under the consumer (its own stand-in, stopped and started again on the same port): the batch
 * that cannot be written is retried with backoff, nothing is dead-lettered, the worker does not die, and once MongoDB
 * is back the same records are applied. The stand-in comes back empty (memory backend): the test looks only at what
 * was sent during the outage.
 */
class MongoOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static int port;
    private static MongoServer mongo;
    private static ReportingRig rig;
    private static ContractEvents events;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", port);
        rig = new ReportingRig()
                .withMongo("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=500&connectTimeoutMS=500"
                        + "&socketTimeoutMS=2000")
                .with("shuangcheng.reporting.retry-backoff", "100ms")
                .with("shuangcheng.reporting.max-retry-backoff", "500ms")
                .start();
        events = new ContractEvents();
    }

    @AfterAll
    static void stop() {
        events.close();
        rig.close();
        mongo.shutdownNow();
    }

    private static void propose(String id) {
        ProjectEvents.project(events, rig.projectTopic, id, 1);
    }

    @Test
    void aBatchThatMongoDbCannotTakeIsRetriedNotParkedAndAppliedWhenItIsBack() {
        String before = UUID.randomUUID().toString();
        propose(before);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(rig.get("/api/v1/projects/" + before, "application/json", "reports:read").statusCode())
                        .isEqualTo(200));
        ManagementPort management = rig.management();

        mongo.shutdownNow();
        String during = UUID.randomUUID().toString();
        propose(during);
        await().atMost(WAIT).untilAsserted(() -> assertThat(management.scrape()
                .value("shuangcheng_reporting_batches_retried_total")).isGreaterThanOrEqualTo(3));
        assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness").statusCode()).as("MongoDB is down").isEqualTo(503);

        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", port);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(rig.get("/api/v1/projects/" + during, "application/json", "reports:read").statusCode())
                        .isEqualTo(200));
        assertThat(SharedKafka.recordCount(rig.deadLetterTopic)).as("nothing dead-lettered").isZero();
        assertThat(management.scrape().value("shuangcheng_reporting_consumer_restarts_total")).isZero();
        assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }
}
