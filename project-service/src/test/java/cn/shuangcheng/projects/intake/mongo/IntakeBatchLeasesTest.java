package cn.shuangcheng.projects.intake.mongo;

import cn.shuangcheng.projects.intake.api.RowOutcome;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lease on an intake batch, against the MongoDB stand-in, with the clocks in the test's hands: who may claim
 * when, and which writes the epoch refuses after a take-over, whatever each instance's clock says.
 */
class IntakeBatchLeasesTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static MongoClient mongo;
    private static MongoDatabase db;
    private static IntakeBatchStore store;

    @BeforeAll
    static void connect() {
        mongo = MongoClients.create(SharedMongo.connectionString());
        db = mongo.getDatabase(SharedMongo.uniqueDatabaseName("intake_leases"));
        store = new IntakeBatchStore(db, Clock.systemUTC(), 5);
    }

    @AfterAll
    static void disconnect() {
        mongo.close();
    }

    private static IntakeBatchLeases instanceAt(String name, Instant now) {
        return new IntakeBatchLeases(db, Clock.fixed(now, ZoneOffset.UTC), new IntakeInstance(name, name + "-host"),
                LEASE);
    }

    private static String batchOf(int rows) {
        IntakeBatchStore.RowWriter writer = store.newRows();
        for (int i = 0; i < rows; i++) {
            writer.add("{\"externalRef\":\"R" + i + "\"}", null);
        }
        return store.register(writer, "intake-system", writer.batchId(), "hash").batchId();
    }

    private static RowOutcome unchanged(int row) {
        return new RowOutcome(row, "R" + row, RowOutcome.Outcome.UNCHANGED, null, List.of(), List.of());
    }

    /** Claims the batch as the worker does: the claim, then its rows fenced with the new epoch. */
    private static BatchLease claimed(IntakeBatchLeases instance, String batchId) {
        BatchLease lease = instance.claim(batchId).orElseThrow();
        instance.fenceRows(lease);
        return lease;
    }

    private static Document batch(String id) {
        return db.getCollection("intake_batches").find(new Document("_id", id)).first();
    }

    @Test
    void of_two_renewals_that_cross_the_older_never_shortens_the_lease() {
        String id = batchOf(1);
        BatchLease lease = claimed(instanceAt("owner", T0), id);
        assertThat(instanceAt("owner", T0.plusSeconds(20)).renew(lease)).isTrue();
        // a renewal sent earlier (its expiry reckoned at T0 + 10 s) that lands after the later one
        assertThat(instanceAt("owner", T0.plusSeconds(10)).renew(lease)).isTrue();

        assertThat(batch(id).getDate("leaseExpiresAt").toInstant()).isEqualTo(T0.plusSeconds(20).plus(LEASE));
    }

    @Test
    void a_lease_its_owner_set_while_its_clock_ran_a_year_ahead_does_not_hold_the_batch_for_a_year() {
        String id = batchOf(1);
        // the owner's clock stepped a year ahead for a moment, while it claimed (or renewed)
        BatchLease held = claimed(instanceAt("owner", T0.plus(Duration.ofDays(365))), id);
        // corrected, it renews: $max keeps the year-ahead expiry
        assertThat(instanceAt("owner", T0.plusSeconds(10)).renew(held)).isTrue();
        assertThat(batch(id).getDate("leaseExpiresAt").toInstant()).isAfter(T0.plus(Duration.ofDays(364)));

        // the owner dies without releasing it: another instance takes the batch over, not a year later
        IntakeBatchLeases taker = instanceAt("taker", T0.plusSeconds(40));
        assertThat(taker.claimable()).contains(id);
        BatchLease taken = claimed(taker, id);
        assertThat(taken.epoch()).isEqualTo(held.epoch() + 1);
        assertThat(instanceAt("owner", T0.plusSeconds(50)).renew(held)).isFalse();
        // a lease within reach of a renewal is not taken: the taker's own is safe from a third instance
        assertThat(instanceAt("third", T0.plusSeconds(41)).claim(id)).isEmpty();
        // nor one of an instance with a longer lease (a rolling change of its length): 10 min ahead is plausible
        String longer = batchOf(1);
        new IntakeBatchLeases(db, Clock.fixed(T0, ZoneOffset.UTC), new IntakeInstance("new", "new-host"),
                Duration.ofMinutes(10)).claim(longer).orElseThrow();
        assertThat(instanceAt("old", T0.plusSeconds(1)).claim(longer)).isEmpty();
    }

    @Test
    void after_a_take_over_every_write_of_the_former_owner_is_refused() {
        String id = batchOf(3);
        IntakeBatchLeases owner = instanceAt("owner", T0);
        BatchLease first = claimed(owner, id);
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(first.principal()).isEqualTo("intake-system");
        assertThat(store.recordOutcome(first, unchanged(1))).isTrue();

        // the lease runs until T0 + 30 s by the owner's clock: a taker whose clock says T0 + 10 s waits
        assertThat(instanceAt("early", T0.plusSeconds(10)).claim(id)).isEmpty();
        IntakeBatchLeases taker = instanceAt("taker", T0.plus(LEASE).plusSeconds(1));
        assertThat(taker.claimable()).contains(id);
        BatchLease second = claimed(taker, id);
        assertThat(second.epoch()).isEqualTo(2);

        // the former owner, late (a pause, a partition, a slow clock): nothing it writes lands
        assertThat(store.recordOutcome(first, unchanged(2))).isFalse();
        assertThat(owner.renew(first)).isFalse();
        assertThat(owner.complete(first)).isFalse();
        owner.release(first);
        assertThat(batch(id).getString("owner")).isEqualTo("taker");

        // the taker resumes after the rows already done; each outcome is written once
        assertThat(store.pendingRows(id, 0, 10)).extracting(IntakeBatchStore.StoredRow::row).containsExactly(2, 3);
        assertThat(store.recordOutcome(second, unchanged(1))).isFalse();
        assertThat(store.recordOutcome(second, unchanged(2))).isTrue();
        assertThat(store.recordOutcome(second, unchanged(2))).isFalse();
        assertThat(store.recordOutcome(second, unchanged(3))).isTrue();
        assertThat(taker.renew(second)).isTrue();
        assertThat(taker.complete(second)).isTrue();
        Document completed = batch(id);
        assertThat(completed.getString("status")).isEqualTo("COMPLETED");
        assertThat(completed.getString("completedBy")).isEqualTo("taker");
        assertThat(completed.getString("ownerHost")).isEqualTo("taker-host");
        assertThat(taker.complete(second)).isFalse();
        assertThat(instanceAt("later", T0.plus(Duration.ofDays(1))).claim(id)).isEmpty();
        assertThat(taker.claimable()).doesNotContain(id);
    }

    @Test
    void a_released_batch_is_claimed_at_once_with_the_next_epoch() {
        String id = batchOf(1);
        IntakeBatchLeases stopping = instanceAt("stopping", T0);
        BatchLease held = stopping.claim(id).orElseThrow();
        stopping.release(held);
        BatchLease next = instanceAt("next", T0.plusSeconds(1)).claim(id).orElseThrow();
        assertThat(next.epoch()).isEqualTo(held.epoch() + 1);
        assertThat(stopping.renew(held)).isFalse();
    }

    @Test
    void a_batch_stored_before_leases_existed_is_claimed_like_a_new_one() {
        String id = "legacy-" + T0.toEpochMilli() + "-" + System.nanoTime();
        db.getCollection("intake_batches").insertOne(new Document("_id", id).append("principal", "intake-system")
                .append("idempotencyKey", id).append("payloadHash", "hash").append("status", "PROCESSING")
                .append("rows", 1).append("receivedAt", Date.from(T0)));
        db.getCollection("intake_rows").insertOne(new Document("batchId", id).append("row", 1)
                .append("item", "{}"));
        IntakeBatchLeases instance = instanceAt("upgraded", T0);
        assertThat(instance.claimable()).contains(id);
        BatchLease lease = claimed(instance, id);
        assertThat(lease.epoch()).isEqualTo(1);
        assertThat(store.recordOutcome(lease, unchanged(1))).isTrue();
    }

    /**
     * Eight instances claiming one batch at the same instant: exactly one gets it. On MongoDB the claim's filter
     * decides; on the stand-in, whose findAndModify is not atomic, the lock around lease writes does.
     */
    @Test
    void of_instances_claiming_at_once_exactly_one_gets_the_batch() throws Exception {
        for (int round = 0; round < 20; round++) {
            String id = batchOf(1);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<CompletableFuture<Optional<BatchLease>>> claims = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    IntakeBatchLeases instance = instanceAt("racer-" + i, T0);
                    claims.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return instance.claim(id);
                    }, threads));
                }
                start.countDown();
                List<BatchLease> won = claims.stream().map(CompletableFuture::join).flatMap(Optional::stream)
                        .toList();
                assertThat(won).hasSize(1);
                assertThat(won.get(0).epoch()).isEqualTo(1);
                assertThat(batch(id).getString("owner")).isEqualTo(won.get(0).owner());
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
