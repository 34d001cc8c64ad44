package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.shuangcheng.reporting.agenda.domain.AgendaProjection;
import cn.shuangcheng.reporting.cadres.domain.ExchangeBatchProjection;
import cn.shuangcheng.reporting.cadres.domain.SecondmentProjection;
import cn.shuangcheng.reporting.ingestion.kafka.CloudEventReader;
import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents;
import cn.shuangcheng.reporting.ingestion.domain.Projection;
import cn.shuangcheng.reporting.ingestion.mongo.Projector;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;
import cn.shuangcheng.reporting.projects.domain.ProjectProjection;
import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.support.testing.ManagementPort;
import tools.jackson.databind.JsonNode;

/**
 * The consumer thread under its supervisor, with a project projection that has bugs on purpose (by project name):
 * an {@link Error} thrown once kills the worker, which is restarted and applies the event; a stack overflow in a
 * fold parks that event and kills nothing; a call that does not return turns liveness DOWN after three times the
 * stall timeout, and UP again when it returns; an Error thrown every time kills every new worker, which is still
 * restarted: after {@code restart-limit} deaths in a row it is crash-looping in the health details and the overall
 * status, while liveness and readiness (reads) stay UP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    static final AtomicInteger ERRORS_THROWN = new AtomicInteger();
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static ReportingRig rig;
    private static ContractEvents events;
    private static ManagementPort management;

    @BeforeAll
    static void start() {
        rig = new ReportingRig().withSource(Trap.class)
                .with("shuangcheng.reporting.retry-backoff", "100ms")
                .with("shuangcheng.reporting.max-retry-backoff", "400ms")
                .with("shuangcheng.reporting.restart-limit", "3")
                .with("shuangcheng.reporting.stall-timeout", "1s")
                .start();
        events = new ContractEvents();
        management = rig.management();
    }

    @AfterAll
    static void stop() {
        events.close();
        rig.close();
    }

    private static String proposal(String id, String name) {
        return "{\"projectId\":\"" + id + "\",\"name\":\"" + name + "\",\"sector\":\"ECOLOGY\",\"platform\":null,"
                + "\"regions\":[\"510500\"],\"leadUnits\":[],\"totalInvestmentYuan\":1000}";
    }

    private static void propose(String id, String name) {
        events.send(rig.projectTopic, "project", id, "ProjectProposed", proposal(id, name));
    }

    @Test
    @Order(1)
    void anErrorThrownInAProjectionKillsTheWorkerWhichIsRestartedAndAppliesTheEvent() {
        String p = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        propose(p, "ERROR-ONCE");
        propose(other, "normal");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rig.json("/api/v1/projects/" + p).path("name").asString()).isEqualTo("ERROR-ONCE");
            assertThat(rig.json("/api/v1/projects/" + other).path("name").asString()).isEqualTo("normal");
        });
        assertThat(ERRORS_THROWN.get()).isEqualTo(1);
        assertThat(management.scrape().value("shuangcheng_reporting_consumer_restarts_total")).isEqualTo(1);
        JsonNode liveness = ReportingRig.JSON.readTree(management.get("/actuator/health/liveness").body());
        assertThat(liveness.path("status").asString()).isEqualTo("UP");
        assertThat(liveness.at("/components/readModelWorker/details/restarts").asInt()).isEqualTo(1);
        assertThat(liveness.at("/components/readModelWorker/details/lastFailure").asString())
                .contains("AssertionError");
    }

    @Test
    @Order(2)
    void aStackOverflowInAFoldParksThatEventAndKillsNothing() {
        String p = UUID.randomUUID().toString();
        String behind = UUID.randomUUID().toString();
        propose(p, "OVERFLOW");
        propose(behind, "normal");

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(rig.json("/api/v1/projects/" + behind).path("name").asString()).isEqualTo("normal"));
        assertThat(rig.get("/api/v1/projects/" + p, "application/json", "reports:read").statusCode()).isEqualTo(404);
        await().atMost(WAIT).untilAsserted(() -> assertThat(management.scrape()
                .value("shuangcheng_reporting_dlq_records_total", "reason", "apply-failed")).isEqualTo(1));
        assertThat(management.scrape().value("shuangcheng_reporting_consumer_restarts_total")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aWorkerStuckInACallTurnsLivenessDownAndUpAgainWhenTheCallReturns() {
        String p = UUID.randomUUID().toString();
        propose(p, "BLOCK");

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(503));
        JsonNode liveness = ReportingRig.JSON.readTree(management.get("/actuator/health/liveness").body());
        assertThat(liveness.at("/components/readModelWorker/details/stuck").asBoolean()).isTrue();
        assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        RELEASE.countDown();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rig.json("/api/v1/projects/" + p).path("name").asString()).isEqualTo("BLOCK");
            assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        });
    }

    @Test
    @Order(4)
    void aWorkerThatDiesEveryTimeIsCrashLoopingForMonitoringWhileLivenessAndReadsStayUp() {
        propose(UUID.randomUUID().toString(), "ERROR-ALWAYS");

        JsonNode[] looping = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            looping[0] = ReportingRig.JSON.readTree(management.get("/actuator/health").body());
            assertThat(looping[0].at("/components/readModelWorker/details/crashLooping").asBoolean()).isTrue();
        });
        JsonNode health = looping[0];
        assertThat(health.path("status").asString()).isEqualTo("DOWN");
        assertThat(health.at("/components/readModelWorker/details/deathsInARow").asInt()).isEqualTo(3);
        assertThat(health.at("/components/readModelConsumer/status").asString()).isEqualTo("DOWN");
        assertThat(management.scrape().value("shuangcheng_reporting_consumer_crash_looping")).isEqualTo(1);
        // every instance would meet the same record: restarting them in turn would cure nothing
        assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        double restarts = management.scrape().value("shuangcheng_reporting_consumer_restarts_total");
        await().atMost(WAIT).untilAsserted(() -> assertThat(management.scrape()
                .value("shuangcheng_reporting_consumer_restarts_total")).as("still restarted").isGreaterThan(restarts));
        assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(rig.get("/api/v1/reports/portfolio?year=2023", "application/json", "reports:read").statusCode())
                .isEqualTo(200);
    }

    /** Replaces the projector by one whose project projection misbehaves for some project names. */
    @Configuration(proxyBeanMethods = false)
    static class Trap {

        @Bean
        static BeanPostProcessor trappedProjector(ObjectProvider<ReadModelStore> store,
                                                  ObjectProvider<CloudEventReader> reader) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof Projector)) {
                        return bean;
                    }
                    return new Projector(store.getObject(), reader.getObject(), List.of(new Trapped(),
                            new AgendaProjection(), new ExchangeBatchProjection(), new SecondmentProjection()));
                }
            };
        }
    }

    static final class Trapped implements Projection {

        private final ProjectProjection projects = new ProjectProjection();

        @Override
        public EventCatalog.Kind kind() {
            return projects.kind();
        }

        @Override
        public ReadModelCollection collection() {
            return projects.collection();
        }

        @Override
        public Document fold(String aggregateId, List<StoredEvent> events) {
            String name = events.stream().map(StoredEvent::payload)
                    .filter(ProjectContextEvents.ProjectProposed.class::isInstance)
                    .map(p -> ((ProjectContextEvents.ProjectProposed) p).name()).findFirst().orElse("");
            if ("ERROR-ONCE".equals(name) && ERRORS_THROWN.compareAndSet(0, 1)) {
                throw new AssertionError("a bug in a projection");
            }
            if ("ERROR-ALWAYS".equals(name)) {
                throw new AssertionError("a bug in a projection, every time");
            }
            if ("BLOCK".equals(name)) {
                block(); // a call that does not return (until the test lets it)
            }
            if ("OVERFLOW".equals(name)) {
                return recurse(0);
            }
            return projects.fold(aggregateId, events);
        }

        private static void block() {
            try {
                RELEASE.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static Document recurse(int depth) {
            return depth < 0 ? new Document() : recurse(depth + 1);
        }
    }
}
