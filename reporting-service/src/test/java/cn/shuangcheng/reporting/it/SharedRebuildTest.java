package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.ingest.CloudEventReader;
import cn.shuangcheng.reporting.ingest.IncomingEvent;
import cn.shuangcheng.reporting.ingest.KafkaClients;
import cn.shuangcheng.reporting.ingest.Projector;
import cn.shuangcheng.reporting.rebuild.RebuildService;
import cn.shuangcheng.reporting.store.GenerationLedger;
import cn.shuangcheng.reporting.store.ReadModelStore;
import cn.shuangcheng.support.domain.StateConflictException;
import cn.shuangcheng.support.testing.SharedMongo;

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

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private void start() {
        start(new ReportingRig());
    }

    private void start(ReportingRig configured) {
        rig = configured.start();
        closing.add(rig);
        events = new ContractEvents();
        closing.add(events);
    }

    @Test
    void two_instances_starting_a_rebuild_at_once_run_one_and_the_other_is_refused() throws Exception {
        start();
        for (int i = 0; i < 5; i++) {
            project(UUID.randomUUID().toString(), 3);
        }
        await().atMost(WAIT).until(() -> eventCount(1) == 15);
        RebuildService here = rig.bean(RebuildService.class);
        MongoClient otherClient = MongoClients.create(SharedMongo.connectionString());
        closing.add(otherClient);
        // a second instance: its own MongoDB client and rebuild service, the same database and topics
        RebuildService there = new RebuildService(rig.bean(ReportingProperties.class), rig.bean(KafkaClients.class),
                rig.bean(CloudEventReader.class), rig.bean(Projector.class),
                new ReadModelStore(otherClient.getDatabase(rig.database)));
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
            } catch (java.util.concurrent.ExecutionException e) {
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
        assertThat(projects(2)).isEqualTo(projects(1));
        assertThat(eventsPerProject(2)).isEqualTo(eventsPerProject(1));
        assertThat(eventCount(2)).isEqualTo(15);
    }

    /**
     * A rebuild claimed by another instance: this one answers 409 problem+json to a start and the other's status to a
     * GET. The other instance dies (it stops renewing): after the heartbeat timeout its rebuild is FAILED, a start here
     * claims the next generation, the other's generation is not dropped, and the other can no longer switch.
     */
    @Test
    void a_rebuild_of_another_instance_is_a_conflict_here_until_its_heartbeat_expires() {
        start(new ReportingRig().with("shuangcheng.reporting.rebuild-heartbeat-timeout", "2s"));
        project(UUID.randomUUID().toString(), 2);
        await().atMost(WAIT).until(() -> eventCount(1) == 2);
        MongoClient otherClient = MongoClients.create(SharedMongo.connectionString());
        closing.add(otherClient);
        ReadModelStore other = new ReadModelStore(otherClient.getDatabase(rig.database));
        GenerationLedger.Claim theirs = other.generations().claim("other-pod", Duration.ofMinutes(1));
        assertThat(theirs.generation()).isEqualTo(2);
        other.collection(2, ReadModelStore.PROJECTS).insertOne(new Document("_id", "written-by-the-other-pod"));

        var refused = rig.post("/api/v1/admin/rebuilds", "reports:admin");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(ReportingRig.JSON.readTree(refused.body()).path("detail").asString()).contains("other-pod");
        assertThat(rebuildState(2)).isEqualTo("RUNNING");

        await().atMost(WAIT).until(() -> rebuildState(2).equals("FAILED"));
        var started = rig.post("/api/v1/admin/rebuilds", "reports:admin");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(ReportingRig.JSON.readTree(started.body()).path("generation").asInt()).isEqualTo(3);
        await().atMost(WAIT).until(() -> rebuildState(3).equals("COMPLETED"));
        assertThat(projects(3)).isEqualTo(projects(1));
        assertThat(other.collection(2, ReadModelStore.PROJECTS).countDocuments()).isEqualTo(1);
        assertThat(other.generations().complete(theirs, Map.of())).isFalse();
        assertThat(rig.bean(ReadModelStore.class).activeGeneration()).isEqualTo(3);
        var list = ReportingRig.JSON.readTree(rig.get("/api/v1/admin/rebuilds", "application/json", "reports:admin")
                .body());
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).path("id").asInt()).isEqualTo(3);
        assertThat(list.get(1).path("error").asString()).contains("no heartbeat from other-pod");
    }

    private String rebuildState(int id) {
        var response = rig.get("/api/v1/admin/rebuilds/" + id, "application/json", "reports:admin");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ReportingRig.JSON.readTree(response.body()).path("state").asString();
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
        KafkaConsumer<String, byte[]> other = rig.bean(KafkaClients.class).consumer(rig.groupId, "reporting-other");
        closing.add(other::close);
        other.subscribe(List.of(rig.projectTopic, rig.cadreTopic));
        await().atMost(WAIT).until(() -> {
            applyToGeneration(other, 1);
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
        for (String id : theirProjects.subList(0, 4)) {
            project(id, 3);
        }
        for (String id : ourProjects.subList(0, 4)) {
            project(id, 3);
        }
        await().atMost(WAIT).until(() -> {
            applyToGeneration(other, 1);
            return eventCount(1) == 24;
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
            invested(project, "2023-01");
            invested(project, "2023-02");
        }
        await().atMost(WAIT).until(() -> {
            applyToGeneration(other, 1);
            return eventCount(1) == 32;
        });
        other.close(); // leaves the group: the live consumer here gets its partitions

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(eventsPerProject(2)).isEqualTo(eventsPerProject(1));
            assertThat(projects(2)).isEqualTo(projects(1));
        });
        assertThat(eventCount(2)).isEqualTo(32);
        assertThat(eventsPerProject(2).values()).containsOnly(3L, 5L);
    }

    /** One poll of the other instance: what it gets is applied to {@code generation} and committed. */
    private void applyToGeneration(KafkaConsumer<String, byte[]> consumer, int generation) {
        CloudEventReader reader = rig.bean(CloudEventReader.class);
        List<IncomingEvent> read = new ArrayList<>();
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                read.add(reader.read(record));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        if (!read.isEmpty()) {
            rig.bean(Projector.class).apply(read, generation);
            consumer.commitSync();
        }
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PROJECT_PARTITIONS;
    }

    private void project(String id, int events) {
        this.events.send(rig.projectTopic, "project", id, "ProjectProposed", "{\"projectId\":\"" + id
                + "\",\"name\":\"成渝共建项目\",\"sector\":\"ECOLOGY\",\"platform\":null,\"regions\":[\"510500\"],"
                + "\"leadUnits\":[\"川渝联合办\"],\"totalInvestmentYuan\":500000000}");
        for (int month = 1; month < events; month++) {
            invested(id, "2022-" + (month < 10 ? "0" : "") + month);
        }
    }

    private void invested(String id, String period) {
        events.send(rig.projectTopic, "project", id, "InvestmentRecorded",
                "{\"projectId\":\"" + id + "\",\"period\":\"" + period + "\",\"amountYuan\":1000}");
    }

    private long eventCount(int generation) {
        return rig.bean(ReadModelStore.class).collection(generation, ReadModelStore.EVENTS).countDocuments();
    }

    private Map<String, Long> eventsPerProject(int generation) {
        Map<String, Long> counts = new TreeMap<>();
        rig.bean(ReadModelStore.class).collection(generation, ReadModelStore.EVENTS).find()
                .forEach(event -> counts.merge(event.getString("aggregateId"), 1L, Long::sum));
        return counts;
    }

    private List<Document> projects(int generation) {
        List<Document> all = new ArrayList<>();
        rig.bean(ReadModelStore.class).collection(generation, ReadModelStore.PROJECTS).find()
                .sort(new Document("_id", 1)).forEach(all::add);
        return all;
    }
}
