package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.ingestion.kafka.CloudEventReader;
import cn.shuangcheng.reporting.ingestion.kafka.KafkaClients;
import cn.shuangcheng.reporting.ingestion.mongo.Projector;
import cn.shuangcheng.reporting.rebuild.kafka.RebuildService;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.support.kafka.KafkaConnectionProperties;

/**
 * A rebuild shared by several instances of reporting-service on one database and one consumer group: one rebuild at a
 * time across them, decided by MongoDB, and a switch that reaches every partition, also one assigned after it.
 */
class SharedRebuildTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PROJECT_PARTITIONS = 3; // ReportingRig's project topic

    private final List<AutoCloseable> closing = new ArrayList<>();
    private ReportingRig rig;
    private ContractEvents events;
    private Generations generations;

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private void start() {
        rig = new ReportingRig().start();
        closing.add(rig);
        events = new ContractEvents();
        closing.add(events);
        generations = new Generations(rig);
        closing.add(generations);
    }

    /**
     * Kafka does not answer when a rebuild is asked for: the request is refused (a Kafka timeout, 503) well within the
     * heartbeat's timeout, not after the client's default minute, and the claim is given back for the next one.
     */
    @Test
    void a_rebuild_asked_for_while_kafka_does_not_answer_is_refused_and_frees_the_next_one() throws Exception {
        start();
        ReportingProperties live = rig.bean(ReportingProperties.class);
        ReportingProperties shortHeartbeat = new ReportingProperties(live.database(), live.projectTopic(),
                live.cadreTopic(), live.deadLetterTopic(), live.groupId(), live.pollTimeout(), live.maxPollRecords(),
                live.retryBackoff(), live.ingestEnabled(), live.stallTimeout(), live.lagInterval(),
                live.metricsRefresh(), live.maxRetryBackoff(), live.restartLimit(), live.restartWindow(),
                Duration.ofSeconds(2));
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        RebuildService cutOff = new RebuildService(shortHeartbeat,
                new KafkaClients(KafkaConnectionProperties.of("127.0.0.1:" + nothingListens), shortHeartbeat),
                rig.bean(CloudEventReader.class), rig.bean(Projector.class), generations.store);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(cutOff::start)
                .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class));
        RebuildService.Status next = rig.bean(RebuildService.class).start();
        closing.add(rig.bean(RebuildService.class)::stopRunning);
        assertThat(next.state()).isEqualTo(RebuildService.State.RUNNING);
    }

    @Test
    void two_instances_starting_a_rebuild_at_once_run_one_and_the_other_is_refused() throws Exception {
        start();
        for (int i = 0; i < 5; i++) {
            ProjectEvents.project(events, rig.projectTopic, UUID.randomUUID().toString(), 3);
        }
        await().atMost(WAIT).until(() -> generations.eventCount(1) == 15);
        RebuildService here = rig.bean(RebuildService.class);
        // a second instance: its own MongoDB client and rebuild service, the same database and topics
        RebuildService there = new RebuildService(rig.bean(ReportingProperties.class), rig.bean(KafkaClients.class),
                rig.bean(CloudEventReader.class), rig.bean(Projector.class), generations.store);
        closing.add(there::stopRunning);

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService admins = Executors.newFixedThreadPool(2);
        closing.add(admins::shutdownNow);
        List<Future<RebuildService.Status>> answers = new ArrayList<>();
        for (RebuildService instance : List.of(here, there)) {
            answers.add(admins.submit((Callable<RebuildService.Status>) () -> {
                together.await();
                return instance.start();
            }));
        }
        List<RebuildService.Status> started = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        for (Future<RebuildService.Status> answer : answers) {
            try {
                started.add(answer.get());
            } catch (ExecutionException e) {
                refused.add(e.getCause());
            }
        }
        assertThat(started).as("rebuilds started").hasSize(1);
        assertThat(refused).singleElement().isInstanceOf(StateConflictException.class);

        int id = started.get(0).id();
        assertThat(started.get(0).generation()).isEqualTo(2);
        // the status lives in MongoDB: both instances answer for it
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(here.status(id)).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(RebuildService.State.COMPLETED));
            assertThat(there.status(id)).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(RebuildService.State.COMPLETED));
        });
        assertThat(rig.bean(ReadModelStore.class).activeGeneration()).isEqualTo(2);
        // nothing of the winner's generation was dropped by the loser
        assertThat(generations.projects(2)).isEqualTo(generations.projects(1));
        assertThat(generations.eventsPerProject(2)).isEqualTo(generations.eventsPerProject(1));
        assertThat(generations.eventCount(2)).isEqualTo(15);
    }

    /**
     * Another instance holds some partitions when the rebuild switches, applies records to the old generation without
     * having noticed the switch, commits them and leaves; the live consumer here gets its partitions in the rebalance.
     * They must be read into the new generation from the start offsets the rebuild recorded, not from where the
     * leaver committed.
     */
    @Test
    void a_partition_assigned_after_the_switch_is_read_into_the_new_generation_from_the_recorded_start() {
        start();
        StaleInstance other = new StaleInstance(rig, generations);
        closing.add(other);
        await().atMost(WAIT).until(() -> {
            other.pollInto(1);
            return other.assignment().stream().anyMatch(p -> p.topic().equals(rig.projectTopic));
        });
        Set<Integer> theirs = other.assignment().stream().filter(p -> p.topic().equals(rig.projectTopic))
                .map(TopicPartition::partition).collect(Collectors.toSet());
        List<String> theirProjects = new ArrayList<>();
        List<String> ourProjects = new ArrayList<>();
        while (theirProjects.size() < 4 || ourProjects.size() < 4) {
            String id = UUID.randomUUID().toString();
            (theirs.contains(partitionOf(id)) ? theirProjects : ourProjects).add(id);
        }
        theirProjects.subList(0, 4).forEach(id -> ProjectEvents.project(events, rig.projectTopic, id, 3));
        ourProjects.subList(0, 4).forEach(id -> ProjectEvents.project(events, rig.projectTopic, id, 3));
        await().atMost(WAIT).until(() -> {
            other.pollInto(1);
            return generations.eventCount(1) == 24;
        });

        var started = rig.post("/api/v1/admin/rebuilds", "reports:admin");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        int id = ReportingRig.JSON.readTree(started.body()).path("id").asInt();
        await().atMost(WAIT).untilAsserted(() -> assertThat(ReportingRig.JSON.readTree(
                rig.get("/api/v1/admin/rebuilds/" + id, "application/json", "reports:admin").body())
                .path("state").asString()).isEqualTo("COMPLETED"));
        assertThat(rig.bean(ReadModelStore.class).activeGeneration()).isEqualTo(2);

        // the other instance has not noticed the switch: it applies two more events per project to generation 1
        for (String project : theirProjects.subList(0, 4)) {
            ProjectEvents.invested(events, rig.projectTopic, project, "2023-01");
            ProjectEvents.invested(events, rig.projectTopic, project, "2023-02");
        }
        await().atMost(WAIT).until(() -> {
            other.pollInto(1);
            return generations.eventCount(1) == 32;
        });
        other.close(); // leaves the group: the live consumer here gets its partitions

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(generations.eventsPerProject(2)).isEqualTo(generations.eventsPerProject(1));
            assertThat(generations.projects(2)).isEqualTo(generations.projects(1));
        });
        assertThat(generations.eventCount(2)).isEqualTo(32);
        assertThat(generations.eventsPerProject(2).values()).containsOnly(3L, 5L);
    }

    static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PROJECT_PARTITIONS;
    }
}
