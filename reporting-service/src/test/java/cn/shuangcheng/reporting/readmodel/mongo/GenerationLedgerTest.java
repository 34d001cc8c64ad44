package cn.shuangcheng.reporting.readmodel.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.servicesupport.testing.SharedMongo;

/**
 * The rebuild claims and partition moves on the MongoDB stand-in, two "instances" being two clients on one database:
 * one claim at a time, a dead owner taken over after its heartbeat timeout, and an owner that lost its claim can
 * neither renew nor switch.
 */
class GenerationLedgerTest {

    private static final Duration ALIVE = Duration.ofMinutes(1);
    /** An observer for whom every heartbeat is older than the timeout: the owner is taken for dead. */
    private static final Duration EXPIRED = Duration.ZERO;

    private final String database = SharedMongo.uniqueDatabaseName("ledger");
    private final MongoClient podA = MongoClients.create(SharedMongo.connectionString());
    private final MongoClient podB = MongoClients.create(SharedMongo.connectionString());
    private final ReadModelStore storeA = new ReadModelStore(db(podA));
    private final ReadModelStore storeB = new ReadModelStore(db(podB));

    @AfterEach
    void close() {
        podA.close();
        podB.close();
    }

    private MongoDatabase db(MongoClient client) {
        return client.getDatabase(database);
    }

    @Test
    void one_claim_at_a_time_and_a_dead_owner_is_taken_over_and_fenced_off() {
        assertThat(storeA.activeGeneration()).isEqualTo(1);
        GenerationLedger.Claim first = storeA.generations().claim("pod-a", ALIVE);
        assertThat(first.generation()).isEqualTo(2);
        assertThat(first.previousGeneration()).isEqualTo(1);

        assertThatThrownBy(() -> storeB.generations().claim("pod-b", ALIVE))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("Rebuild 2 is running (on pod-a)");
        assertThat(storeA.generations().renew(first, 5)).isTrue();

        // pod-a stops renewing (paused or dead): after the timeout pod-b's status read and start take it over
        assertThat(storeB.generations().find(2, EXPIRED)).hasValueSatisfying(rebuild -> {
            assertThat(rebuild.getString("state")).isEqualTo(GenerationLedger.FAILED);
            assertThat(rebuild.getString("error")).contains("no heartbeat from pod-a");
        });
        GenerationLedger.Claim second = storeB.generations().claim("pod-b", EXPIRED);
        assertThat(second.generation()).isEqualTo(3);

        // pod-a resumes: its claim is gone, so it can neither renew nor switch nor fail pod-b's rebuild
        assertThat(storeA.generations().renew(first, 0)).isFalse();
        assertThat(storeA.generations().complete(first, Map.of("t:0", 4L))).isFalse();
        storeA.generations().fail(first, "late");
        assertThat(storeA.activeGeneration()).isEqualTo(1);

        assertThat(storeB.generations().complete(second, Map.of("topic.with.dots:0", 7L, "topic.with.dots:1", 3L)))
                .isTrue();
        ActiveGeneration active = storeA.generations().active();
        assertThat(active.generation()).isEqualTo(3);
        assertThat(active.base()).isEqualTo(1);
        assertThat(active.startOffset("topic.with.dots", 0)).isEqualTo(7);
        assertThat(active.startOffset("topic.with.dots", 1)).isEqualTo(3);
        assertThat(active.startOffset("topic.with.dots", 2)).as("a partition the rebuild did not read").isZero();
        // the answer of a switch may be lost and the switch tried again: it stays the same switch
        assertThat(storeB.generations().complete(second, Map.of("topic.with.dots:0", 9L))).isTrue();
        assertThat(storeA.generations().active().startOffset("topic.with.dots", 0)).isEqualTo(7);

        assertThat(storeA.generations().claim("pod-a", ALIVE).generation()).isEqualTo(4);
    }

    @Test
    void a_partition_is_moved_to_a_generation_by_one_consumer_only() {
        PartitionMoves a = storeA.partitionMoves();
        PartitionMoves b = storeB.partitionMoves();
        assertThat(a.claim("t:0", null, 2, 5, "consumer-a")).isTrue();
        assertThat(b.claim("t:0", null, 2, 5, "consumer-b")).isFalse();
        PartitionMoves.Position pending = b.positions(java.util.List.of("t:0", "t:1")).get("t:0");
        assertThat(pending).isEqualTo(new PartitionMoves.Position(2, 5, true));
        a.done("t:0", 2);
        assertThat(b.positions(java.util.List.of("t:0")).get("t:0").pending()).isFalse();

        PartitionMoves.Position seen = a.positions(java.util.List.of("t:0")).get("t:0");
        assertThat(b.claim("t:0", seen, 3, 8, "consumer-b")).isTrue();
        assertThat(a.claim("t:0", seen, 3, 8, "consumer-a")).as("seen before b moved it").isFalse();
        assertThat(a.positions(java.util.List.of("t:0")).get("t:0")).isEqualTo(new PartitionMoves.Position(3, 8, true));
    }
}
