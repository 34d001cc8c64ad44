package cn.shuangcheng.projects.it;

import cn.shuangcheng.projects.cooperation.api.ProjectIds;
import cn.shuangcheng.projects.intake.kafka.IntakeTopicListener;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.support.testing.Api;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that stalls past max.poll.interval.ms has left its group; the partition's next owner may apply the
 * record it holds, and later changes of the same project, before it wakes. On waking it must not send that record
 * over the newer state. Here the test plays the next owner: it changes the project and commits the group past the
 * record while the listener is held.
 */
class IntakeListenerStallTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String GROUP = "intake-stall-" + UUID.randomUUID();
    private static ProjectServiceRig service;

    @BeforeAll
    static void start() throws Exception {
        service = new ProjectServiceRig()
                .with("shuangcheng.intake.consumer-group", GROUP)
                // 3 s, so that the stall outlasts it quickly; records may then be sent up to 1.5 s after their poll
                .with("shuangcheng.kafka.properties[max.poll.interval.ms]", "3000")
                .with("shuangcheng.intake.retry-backoff", "200ms")
                .with("shuangcheng.intake.retry-max-backoff", "1s")
                .start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_record_held_past_the_poll_interval_is_not_sent_over_what_the_next_owner_applied() throws Exception {
        String ref = "STALL-" + UUID.randomUUID();
        String id = ProjectIds.forProposal(ref);
        RecordMetadata first = publish(ref, withPlan(ref, 100_000_000L), null);
        await().atMost(WAIT).until(() -> service.storedEventsOf(id) == 5);

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        service.bean(IntakeTopicListener.class).interceptNextRecords(() -> {
            held.countDown();
            awaitQuietly(release);
        }, 1);
        RecordMetadata stale = publish(ref, withPlan(ref, 200_000_000L), first.partition());
        assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the listener took the record").isTrue();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            await().atMost(WAIT).until(() -> groupState(admin) == GroupState.EMPTY);
            // the next owner applies the record and a later change, and commits past the record
            Api.Answer replanned = service.api().put("/api/v1/projects/" + id + "/annual-plans/2023")
                    .token(Tokens.intakeSystem()).json(Map.of("amountYuan", 300_000_000L)).send();
            assertThat(replanned.status()).as(replanned.raw().body()).isEqualTo(200);
            admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(service.intakeTopic, stale.partition()),
                    new OffsetAndMetadata(stale.offset() + 1))).all().get(30, TimeUnit.SECONDS);
        }
        double retriesBefore = retries();
        release.countDown();

        // a later record of the same partition shows that the listener went past the held one
        String marker = "STALL-MARKER-" + UUID.randomUUID();
        publish(marker, withPlan(marker, 100_000_000L), stale.partition());
        await().atMost(WAIT).until(() -> service.storedEventsOf(ProjectIds.forProposal(marker)) == 5);

        assertThat(planOf(id)).as("the annual plan after the listener woke").isEqualTo(300_000_000L);
        assertThat(service.storedEventsOf(id)).as("the held record was put back, not sent").isEqualTo(6);
        // a poll that lapsed with nothing done waits as an outage does, rather than being polled again at once
        assertThat(retries()).isGreaterThan(retriesBefore);
    }

    private static Map<String, Object> withPlan(String ref, long annualPlanYuan) {
        Map<String, Object> item = IntakeWorkersSurviveTest.item(ref);
        item.put("annualPlanYuan", annualPlanYuan);
        return item;
    }

    private static RecordMetadata publish(String ref, Map<String, Object> item, Integer partition) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(service.intakeTopic, partition, ref,
                    JSON.writeValueAsString(item))).get(30, TimeUnit.SECONDS);
        }
    }

    private static GroupState groupState(Admin admin) throws Exception {
        return admin.describeConsumerGroups(java.util.List.of(GROUP)).describedGroups().get(GROUP)
                .get(30, TimeUnit.SECONDS).groupState();
    }

    private static long planOf(String id) {
        JsonNode project = service.api().get("/api/v1/projects/" + id).token(Tokens.intakeSystem()).send().body();
        for (JsonNode plan : project.path("annualPlans")) {
            if (plan.path("year").asInt() == 2023) {
                return plan.path("amountYuan").asLong();
            }
        }
        throw new AssertionError("no 2023 plan in " + project);
    }

    private static double retries() {
        double value = service.management().scrape().value("shuangcheng_intake_retries_total", "worker", "topic");
        return Double.isNaN(value) ? 0 : value;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
