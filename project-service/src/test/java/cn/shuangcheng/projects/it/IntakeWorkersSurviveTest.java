package cn.shuangcheng.projects.it;

import cn.shuangcheng.projects.cooperation.api.ProjectIds;
import cn.shuangcheng.projects.intake.mongo.IntakeBatchStore;
import cn.shuangcheng.projects.intake.application.IntakeBatchWorker;
import cn.shuangcheng.projects.intake.kafka.IntakeTopicListener;
import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import cn.shuangcheng.servicesupport.testing.TcpLink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The intake workers outlive their input and their infrastructure: the topic listener is restarted after its loop
 * dies of an {@link Error}; a record or a batch met by a MongoDB outage waits and is applied once MongoDB is back,
 * nothing lost and nothing half applied. project-service reaches the MongoDB stand-in through a {@link TcpLink}
 * the test cuts and restores.
 */
class IntakeWorkersSurviveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static TcpLink link;
    private static ProjectServiceRig service;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        link = new TcpLink(SharedMongo.connectionString());
        service = new ProjectServiceRig().withMongo(link.mongoConnectionString())
                .with("shuangcheng.intake.retry-backoff", "200ms")
                .with("shuangcheng.intake.retry-max-backoff", "1s")
                .start();
        api = service.api();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
        link.close();
    }

    @AfterEach
    void reconnect() {
        link.restore();
    }

    static Map<String, Object> item(String ref) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("externalRef", ref);
        item.put("name", "川南渝西融合发展试验区项目");
        item.put("sector", "PUBLIC_SERVICE");
        item.put("platform", "CHUANNAN_YUXI");
        item.put("regions", List.of("510500", "500118"));
        item.put("totalInvestmentYuan", 900_000_000L);
        item.put("listYear", 2023);
        item.put("annualPlanYuan", 100_000_000L);
        item.put("startedOn", "2023-03-01");
        item.put("investments", List.of(Map.of("period", "2023-03", "amountYuan", 9_000_000L)));
        return item;
    }

    private static void publish(String ref, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(service.intakeTopic, ref, value)).get();
        }
    }

    private static double metric(String name, String... labels) {
        double value = service.management().scrape().value(name, labels);
        return Double.isNaN(value) ? 0 : value;
    }

    private static JsonNode intakeTopicHealth() throws Exception {
        return JSON.readTree(service.management().get("/actuator/health/intakeTopic").body());
    }

    @Test
    void the_listener_is_restarted_after_its_loop_dies_of_an_error_and_applies_the_record() throws Exception {
        IntakeTopicListener listener = service.bean(IntakeTopicListener.class);
        double restartsBefore = metric("shuangcheng_intake_listener_restarts_total");
        listener.interceptNextRecords(() -> {
            throw new InternalError("thrown by the test in place of handling a record");
        }, 1);
        String ref = "RESTART-" + UUID.randomUUID();

        publish(ref, JSON.writeValueAsString(item(ref)));

        await().atMost(WAIT).until(() -> service.storedEventsOf(ProjectIds.forProposal(ref)) == 5);
        assertThat(metric("shuangcheng_intake_listener_restarts_total")).isEqualTo(restartsBefore + 1);
        JsonNode health = intakeTopicHealth();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("restarts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(health.path("details").path("lastFailure").asString()).contains("InternalError");
    }

    /**
     * A loop that dies again and again before it can complete a single poll is crash-looping: health DOWN for
     * monitoring, liveness UP (every instance would meet the same record), and still started again, so that it goes
     * on by itself once the cause is gone.
     */
    @Test
    void a_listener_that_dies_every_time_is_crash_looping_and_still_restarted_until_it_applies_the_record()
            throws Exception {
        try (ProjectServiceRig doomed = new ProjectServiceRig()
                .with("shuangcheng.intake.max-consecutive-restarts", "2")
                .with("shuangcheng.intake.retry-backoff", "50ms")
                .with("shuangcheng.intake.retry-max-backoff", "500ms").start()) {
            IntakeTopicListener listener = doomed.bean(IntakeTopicListener.class);
            listener.interceptNextRecords(() -> {
                throw new InternalError("every time");
            }, 1_000_000);
            String ref = "DOOMED-" + UUID.randomUUID();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(doomed.intakeTopic, ref, JSON.writeValueAsString(item(ref)))).get();
            }
            await().atMost(WAIT).until(() -> doomed.management().get("/actuator/health/intakeTopic").statusCode() == 503);
            JsonNode health = JSON.readTree(doomed.management().get("/actuator/health/intakeTopic").body());
            assertThat(health.path("status").asString()).isEqualTo("DOWN");
            assertThat(health.path("details").path("crashLooping").asBoolean()).isTrue();
            assertThat(doomed.management().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(doomed.management().scrape().value("shuangcheng_intake_listener_crash_looping")).isEqualTo(1);
            int restarts = listener.restarts();
            await().atMost(WAIT).until(() -> listener.restarts() > restarts + 1);
            assertThat(doomed.storedEventsOf(ProjectIds.forProposal(ref))).isZero();

            listener.interceptNextRecords(() -> { }, 0); // the cause is gone: no instance restart is needed
            await().atMost(WAIT).until(() -> doomed.storedEventsOf(ProjectIds.forProposal(ref)) == 5);
            await().atMost(WAIT).until(() -> doomed.management().get("/actuator/health/intakeTopic").statusCode() == 200);
            assertThat(doomed.management().scrape().value("shuangcheng_intake_listener_crash_looping")).isZero();
        }
    }

    @Test
    void a_record_met_by_a_mongo_outage_waits_and_is_applied_when_mongo_is_back() throws Exception {
        String ref = "OUTAGE-TOPIC-" + UUID.randomUUID();
        double retriesBefore = metric("shuangcheng_intake_retries_total", "worker", "topic");
        link.cut();

        publish(ref, JSON.writeValueAsString(item(ref)));
        await().atMost(WAIT).until(() -> metric("shuangcheng_intake_retries_total", "worker", "topic")
                >= retriesBefore + 2);
        assertThat(service.storedEventsOf(ProjectIds.forProposal(ref))).isZero();
        assertThat(intakeTopicHealth().path("status").asString()).isEqualTo("UP");

        link.restore();
        await().atMost(WAIT).until(() -> service.storedEventsOf(ProjectIds.forProposal(ref)) == 5);
    }

    @Test
    void a_batch_met_by_a_mongo_outage_is_tried_again_and_completes_when_mongo_is_back() throws Exception {
        String ref = "OUTAGE-BATCH-" + UUID.randomUUID();
        // stored as a submission stores it, but not yet handed to the worker
        IntakeBatchStore store = service.bean(IntakeBatchStore.class);
        IntakeBatchStore.RowWriter rows = store.newRows();
        rows.add(JSON.writeValueAsString(item(ref)), null);
        String batchId = store.register(rows, Tokens.INTAKE_SYSTEM, "outage-" + ref, "hash").batchId();
        double retriesBefore = metric("shuangcheng_intake_retries_total", "worker", "batches");
        link.cut();

        service.bean(IntakeBatchWorker.class).submit(batchId);
        await().atMost(WAIT).until(() -> metric("shuangcheng_intake_retries_total", "worker", "batches")
                >= retriesBefore + 2);
        assertThat(service.storedEventsOf(ProjectIds.forProposal(ref))).isZero();

        link.restore();
        JsonNode[] batch = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            Api.Answer answer = api.get("/api/v1/intake/batches/" + batchId).token(Tokens.intakeSystem()).send();
            batch[0] = answer.body();
            return answer.status() == 200 && "COMPLETED".equals(batch[0].path("status").asString());
        });
        assertThat(batch[0].path("accepted").asInt()).isEqualTo(1);
        assertThat(service.storedEventsOf(ProjectIds.forProposal(ref))).isEqualTo(5);
    }
}
