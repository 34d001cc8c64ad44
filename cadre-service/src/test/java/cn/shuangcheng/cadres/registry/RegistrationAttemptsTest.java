package cn.shuangcheng.cadres.registry;

import cn.shuangcheng.cadres.registry.CadreRegistry.PendingRegistration;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two requests at one secondment (a registration sent again under its Idempotency-Key registers the same id), over the
 * MongoDB wire protocol: the one that is refused takes back only itself, never a secondment the other is storing or
 * stored; the last one refused takes the person back too.
 */
class RegistrationAttemptsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");

    private final String database = SharedMongo.uniqueDatabaseName("attempts");
    private final MongoClient client = MongoClients.create(SharedMongo.connectionString());
    private final CadreRegistry registry = new CadreRegistry(client.getDatabase(database),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final MongoCollection<Document> cadres = client.getDatabase(database).getCollection("cadres");
    private final String secondmentId = UUID.randomUUID().toString();

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void a_refused_attempt_leaves_the_secondment_to_the_attempt_still_storing_it() {
        String cadreId = registry.claim("甲", "ATTEMPT-1");
        PendingRegistration storing = registry.addSecondment(cadreId, secondmentId, "batch").orElseThrow();
        PendingRegistration refused = registry.addSecondment(cadreId, secondmentId, "batch").orElseThrow();

        registry.withdraw(refused);

        assertThat(registry.ofSecondment(secondmentId)).map(CadreIdentity::cadreId).contains(cadreId);
        assertThat(registry.pendingBefore(NOW.plusSeconds(1))).containsExactly(storing);
    }

    @Test
    void a_refused_attempt_decided_before_the_other_stored_leaves_the_stored_secondment() {
        String cadreId = registry.claim("乙", "ATTEMPT-2");
        PendingRegistration refused = registry.addSecondment(cadreId, secondmentId, "batch").orElseThrow();
        PendingRegistration stored = registry.addSecondment(cadreId, secondmentId, "batch").orElseThrow();

        registry.settle(stored);
        registry.withdraw(refused);

        assertThat(registry.secondmentsOf(cadreId)).containsExactly(secondmentId);
        assertThat(registry.pendingBefore(NOW.plusSeconds(1))).isEmpty();
    }

    @Test
    void the_last_attempt_refused_takes_the_secondment_and_its_new_person_back() {
        String cadreId = registry.claim("丙", "ATTEMPT-3");
        PendingRegistration one = registry.addSecondment(cadreId, secondmentId, "batch").orElseThrow();
        PendingRegistration other = registry.addSecondment(cadreId, secondmentId, "batch").orElseThrow();

        registry.withdraw(one);
        registry.withdraw(other);

        assertThat(registry.ofSecondment(secondmentId)).isEmpty();
        assertThat(cadres.countDocuments(Filters.eq("_id", cadreId))).as("name and number gone").isZero();
    }

    @Test
    void an_entry_pending_from_before_attempts_were_told_apart_is_still_withdrawn() {
        String cadreId = registry.claim("丁", "ATTEMPT-4");
        cadres.updateOne(Filters.eq("_id", cadreId), Updates.combine(Updates.addToSet("secondmentIds", secondmentId),
                Updates.push("pending", new Document("secondmentId", secondmentId).append("batchId", "batch")
                        .append("since", Date.from(NOW)))));

        List<PendingRegistration> pending = registry.pendingBefore(NOW.plusSeconds(1));
        assertThat(pending).containsExactly(new PendingRegistration(cadreId, secondmentId, "batch", null));
        registry.withdraw(pending.get(0));

        assertThat(cadres.countDocuments(Filters.eq("_id", cadreId))).isZero();
    }
}
