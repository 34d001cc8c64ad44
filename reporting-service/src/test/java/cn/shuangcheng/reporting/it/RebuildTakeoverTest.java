package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import cn.shuangcheng.reporting.readmodel.mongo.ActiveGeneration;
import cn.shuangcheng.reporting.readmodel.mongo.GenerationLedger;
import cn.shuangcheng.reporting.readmodel.mongo.PartitionMoves;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;

/**
 * Instances that die in the middle: a rebuilder that stops renewing its heartbeat, and a live consumer that claimed a
 * partition's move to the new generation but died before it rewound the partition. Neither blocks nor loses anything.
 */
class RebuildTakeoverTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

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

    private void start(ReportingRig configured) {
        rig = configured.start();
        closing.add(rig);
        events = new ContractEvents();
        closing.add(events);
        generations = new Generations(rig);
        closing.add(generations);
    }

    /**
     * A rebuild claimed by another instance: this one answers 409 problem+json to a start and the other's status to a
     * GET. The other instance dies (it stops renewing): after the heartbeat timeout its rebuild is FAILED, a start here
     * claims the next generation, the other's generation is not dropped, and the other can no longer switch.
     */
    @Test
    void a_rebuild_of_another_instance_is_a_conflict_here_until_its_heartbeat_expires() {
        start(new ReportingRig().with("shuangcheng.reporting.rebuild-heartbeat-timeout", "2s"));
        ProjectEvents.project(events, rig.projectTopic, UUID.randomUUID().toString(), 2);
        await().atMost(WAIT).until(() -> generations.eventCount(1) == 2);
        ReadModelStore other = generations.store;
        GenerationLedger.Claim theirs = other.generations().claim("other-pod", Duration.ofMinutes(1));
        assertThat(theirs.generation()).isEqualTo(2);
        other.collection(2, ReadModelCollection.PROJECTS).insertOne(new Document("_id", "written-by-the-other-pod"));

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
        assertThat(generations.projects(3)).isEqualTo(generations.projects(1));
        assertThat(other.collection(2, ReadModelCollection.PROJECTS).countDocuments()).isEqualTo(1);
        assertThat(other.generations().complete(theirs, Map.of())).isFalse();
        assertThat(rig.bean(ReadModelStore.class).activeGeneration()).isEqualTo(3);
        var list = ReportingRig.JSON.readTree(rig.get("/api/v1/admin/rebuilds", "application/json", "reports:admin")
                .body());
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).path("id").asInt()).isEqualTo(3);
        assertThat(list.get(1).path("error").asString()).contains("no heartbeat from other-pod");
    }

    /**
     * The only live consumer is another instance's that has not noticed the switch: it applies more events to the old
     * generation, then claims one partition's move and dies before rewinding it. The live consumer of a reporting
     * instance started after the switch moves every partition, that one included, from the recorded start offsets.
     */
    @Test
    void a_consumer_started_after_the_switch_reads_every_partition_into_it_and_redoes_a_move_left_pending() {
        start(new ReportingRig().with("shuangcheng.reporting.ingest-enabled", false));
        StaleInstance other = new StaleInstance(rig, generations);
        closing.add(other);
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            projects.add(UUID.randomUUID().toString());
            ProjectEvents.project(events, rig.projectTopic, projects.get(i), 3);
        }
        await().atMost(WAIT).until(() -> {
            other.pollInto(1);
            return generations.eventCount(1) == 12;
        });
        var started = rig.post("/api/v1/admin/rebuilds", "reports:admin");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> rebuildState(2).equals("COMPLETED"));

        for (String project : projects) {
            ProjectEvents.invested(events, rig.projectTopic, project, "2023-01");
            ProjectEvents.invested(events, rig.projectTopic, project, "2023-02");
        }
        await().atMost(WAIT).until(() -> {
            other.pollInto(1);
            return generations.eventCount(1) == 20;
        });
        ActiveGeneration active = generations.store.generations().active();
        int partition = SharedRebuildTest.partitionOf(projects.get(0));
        String key = ActiveGeneration.key(rig.projectTopic, partition);
        assertThat(generations.store.partitionMoves().claim(key, null, 2,
                active.startOffset(rig.projectTopic, partition), "the-other-instance")).isTrue();
        other.close(); // dies with the move pending, its committed offsets past the start offsets

        rig.stop();
        rig.with("shuangcheng.reporting.ingest-enabled", true).start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(generations.eventsPerProject(2)).isEqualTo(generations.eventsPerProject(1));
            assertThat(generations.projects(2)).isEqualTo(generations.projects(1));
        });
        assertThat(generations.eventCount(2)).isEqualTo(20);
        assertThat(generations.eventsPerProject(2).values()).containsOnly(5L);
        await().atMost(WAIT).untilAsserted(() -> assertThat(generations.store.partitionMoves()
                .positions(List.of(key)).get(key)).isEqualTo(new PartitionMoves.Position(2,
                active.startOffset(rig.projectTopic, partition), false)));
    }

    private String rebuildState(int id) {
        var response = rig.get("/api/v1/admin/rebuilds/" + id, "application/json", "reports:admin");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ReportingRig.JSON.readTree(response.body()).path("state").asString();
    }
}
