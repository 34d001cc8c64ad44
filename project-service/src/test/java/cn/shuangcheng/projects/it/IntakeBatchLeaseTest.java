package cn.shuangcheng.projects.it;

import cn.shuangcheng.projects.cooperation.api.ProjectIds;
import cn.shuangcheng.projects.intake.mongo.IntakeBatchStore;
import cn.shuangcheng.projects.intake.application.IntakeBatchWorker;
import cn.shuangcheng.support.testing.Api;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import cn.shuangcheng.servicesupport.testing.TcpLink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.projects.intake.mongo.IntakeBatchLeases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of project-service on one database, as during a rolling deploy: an intake batch is processed by
 * one of them at a time, and the other takes it over when the owner stops renewing its lease. Each instance
 * reaches the MongoDB stand-in through its own {@link TcpLink}, so the test can cut the owner off as a dead
 * pod, a partition or a long pause would. Leases of 3 s renewed every 500 ms keep the take-over fast.
 */
class IntakeBatchLeaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String[] OUTCOMES = {"accepted", "rejected", "unchanged"};
    private static TcpLink linkA;
    private static TcpLink linkB;
    private static ProjectServiceRig podA;
    private static ProjectServiceRig podB;
    private static MongoClient mongo;
    private static MongoDatabase db;

    @BeforeAll
    static void start() throws Exception {
        linkA = new TcpLink(SharedMongo.connectionString());
        linkB = new TcpLink(SharedMongo.connectionString());
        podA = pod(new ProjectServiceRig(), linkA).start();
        podB = pod(new ProjectServiceRig(podA), linkB).start();
        mongo = MongoClients.create(SharedMongo.connectionString());
        db = mongo.getDatabase(podA.database);
    }

    private static ProjectServiceRig pod(ProjectServiceRig rig, TcpLink link) {
        return rig.withMongo(link.mongoConnectionString())
                .with("shuangcheng.intake.kafka-enabled", "false")
                .with("shuangcheng.intake.batch-lease", "3s")
                .with("shuangcheng.intake.batch-lease-renewal", "500ms")
                .with("shuangcheng.intake.retry-backoff", "200ms")
                .with("shuangcheng.intake.retry-max-backoff", "1s");
    }

    @AfterAll
    static void stop() throws Exception {
        podB.close();
        podA.close();
        linkA.close();
        linkB.close();
        mongo.close();
    }

    @AfterEach
    void reconnect() {
        linkA.restore();
        linkB.restore();
    }

    /** A batch of new projects, stored as a submission stores it but handed to no worker yet. */
    private static Batch pendingBatch(String prefix, int rows) throws Exception {
        IntakeBatchStore store = podA.bean(IntakeBatchStore.class);
        IntakeBatchStore.RowWriter writer = store.newRows();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String ref = prefix + "-" + i + "-" + UUID.randomUUID();
            refs.add(ref);
            writer.add(JSON.writeValueAsString(IntakeWorkersSurviveTest.item(ref)), null);
        }
        String id = store.register(writer, Tokens.INTAKE_SYSTEM, prefix + "-" + UUID.randomUUID(), "hash").batchId();
        return new Batch(id, refs);
    }

    private record Batch(String id, List<String> refs) {
    }

    private static double restRows(ProjectServiceRig pod) {
        double sum = 0;
        for (String outcome : OUTCOMES) {
            double value = pod.management().scrape().value("shuangcheng_intake_rows_total", "channel", "rest",
                    "outcome", outcome);
            sum += Double.isNaN(value) ? 0 : value;
        }
        return sum;
    }

    private static Document batchDocument(String id) {
        return db.getCollection("intake_batches").find(new Document("_id", id)).first();
    }

    private static JsonNode completed(Api api, String id) {
        JsonNode[] batch = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            Api.Answer answer = api.get("/api/v1/intake/batches/" + id).token(Tokens.intakeSystem()).send();
            batch[0] = answer.body();
            return answer.status() == 200 && "COMPLETED".equals(batch[0].path("status").asString());
        });
        return batch[0];
    }

    private static JsonNode results(Api api, String id) {
        Api.Answer page = api.get("/api/v1/intake/batches/" + id + "/results?size=500")
                .token(Tokens.intakeSystem()).send();
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        return page.body().path("items");
    }

    @Test
    void two_instances_handed_the_same_batch_process_it_once() throws Exception {
        int rows = 20;
        Batch batch = pendingBatch("TWICE", rows);
        double rowsBefore = restRows(podA) + restRows(podB);

        // both instances start with it, as two pods resuming unfinished batches at once
        podA.bean(IntakeBatchWorker.class).submit(batch.id());
        podB.bean(IntakeBatchWorker.class).submit(batch.id());

        JsonNode view = completed(podA.api(), batch.id());
        assertThat(view.path("accepted").asInt()).as("accepted rows of %s", view).isEqualTo(rows);
        assertThat(view.path("unchanged").asInt()).isZero();
        assertThat(view.path("rejected").asInt()).isZero();
        JsonNode items = results(podB.api(), batch.id());
        assertThat(items).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            JsonNode item = items.get(i);
            assertThat(item.path("row").asInt()).isEqualTo(i + 1);
            assertThat(item.path("outcome").asString()).as("row %d", i + 1).isEqualTo("ACCEPTED");
            assertThat(item.path("externalRef").asString()).isEqualTo(batch.refs().get(i));
            assertThat(podA.storedEventsOf(ProjectIds.forProposal(batch.refs().get(i)))).isEqualTo(5);
        }
        // every row done once across both instances, and still so once both are idle
        double[] done = new double[1];
        await().atMost(WAIT).until(() -> {
            double now = restRows(podA) + restRows(podB) - rowsBefore;
            boolean settled = now == done[0];
            done[0] = now;
            return settled && !podA.bean(IntakeBatchWorker.class).busy() && !podB.bean(IntakeBatchWorker.class).busy();
        });
        assertThat(done[0]).as("rows processed by both instances").isEqualTo(rows);
        Document stored = batchDocument(batch.id());
        assertThat(stored.get("leaseEpoch", Number.class).longValue()).as("claims of the batch").isEqualTo(1);
        assertThat(stored.getString("completedBy")).isEqualTo(stored.getString("owner"));
    }

    @Test
    void a_silent_owner_is_taken_over_when_its_lease_runs_out_and_its_later_writes_are_refused() throws Exception {
        int rows = 20;
        Batch batch = pendingBatch("TAKEOVER", rows);
        podA.bean(IntakeBatchWorker.class).submit(batch.id()); // or B's heartbeat claims it first: either owns it
        await().atMost(WAIT).until(() -> rowsWithOutcome(batch.id()) >= 5);

        String ownerId = batchDocument(batch.id()).getString("owner");
        boolean aOwns = ownerId.equals(instanceOf(podA));
        ProjectServiceRig owner = aOwns ? podA : podB;
        ProjectServiceRig taker = aOwns ? podB : podA;
        double lostBefore = lost(owner);
        Instant cutAt = Instant.now();
        (aOwns ? linkA : linkB).cut(); // the owner goes silent mid-batch: no renewal, no write gets through
        Date lastExpiry = batchDocument(batch.id()).getDate("leaseExpiresAt");

        await().atMost(WAIT).until(() -> "COMPLETED".equals(batchDocument(batch.id()).getString("status")));
        Document done = batchDocument(batch.id());
        assertThat(done.getString("owner")).isEqualTo(instanceOf(taker)).isNotEqualTo(ownerId);
        assertThat(done.getString("completedBy")).isEqualTo(instanceOf(taker));
        assertThat(done.get("leaseEpoch", Number.class).longValue()).isEqualTo(2);
        // taken over only once the owner's last lease had run out
        assertThat(done.getDate("claimedAt")).isAfterOrEqualTo(lastExpiry);
        List<Document> outcomes = outcomes(batch.id());
        assertThat(outcomes).hasSize(rows);
        long unchanged = outcomes.stream().filter(o -> "UNCHANGED".equals(o.getString("outcome"))).count();
        // the row the owner was applying when it went silent may have gone through: applied again it changes nothing,
        // and it is still this batch's row that changed the project, so ACCEPTED
        assertThat(outcomes).allSatisfy(o -> assertThat(o.getString("outcome")).isEqualTo("ACCEPTED"));
        for (String ref : batch.refs()) {
            assertThat(owner.storedEventsOf(ProjectIds.forProposal(ref))).as(ref).isEqualTo(5);
        }

        // the former owner comes back: its next write under the old epoch is refused, it stops and marks nothing
        (aOwns ? linkA : linkB).restore();
        await().atMost(WAIT).until(() -> lost(owner) == lostBefore + 1);
        await().atMost(WAIT).until(() -> !owner.bean(IntakeBatchWorker.class).busy());
        assertThat(batchDocument(batch.id())).isEqualTo(done);
        assertThat(outcomes(batch.id())).isEqualTo(outcomes);
        System.out.printf("intake lease take-over: rows=%d, done by the owner before the cut=%d, unchanged=%d, "
                        + "taken over %d ms after the cut (lease 3 s), completed %d ms after the take-over%n", rows,
                rows - outcomes.stream().filter(o -> o.getLong("leaseEpoch") == 2).count(), unchanged,
                done.getDate("claimedAt").getTime() - cutAt.toEpochMilli(),
                done.getDate("completedAt").getTime() - done.getDate("claimedAt").getTime());
    }

    private static String instanceOf(ProjectServiceRig pod) {
        return pod.bean(IntakeBatchLeases.class).instance().id();
    }

    private static double lost(ProjectServiceRig pod) {
        double value = pod.management().scrape().value("shuangcheng_intake_batches_lost_total");
        return Double.isNaN(value) ? 0 : value;
    }

    private static long rowsWithOutcome(String batchId) {
        return db.getCollection("intake_rows").countDocuments(new Document("batchId", batchId)
                .append("outcome", new Document("$exists", true)));
    }

    /** Each row's outcome with the epoch it was written under, in row order. */
    private static List<Document> outcomes(String batchId) {
        List<Document> outcomes = new ArrayList<>();
        db.getCollection("intake_rows").find(new Document("batchId", batchId)).sort(new Document("row", 1))
                .forEach(r -> outcomes.add(r.get("outcome", new Document()).append("row", r.getInteger("row"))
                        .append("leaseEpoch", r.get("leaseEpoch", Number.class).longValue())));
        return outcomes;
    }
}
