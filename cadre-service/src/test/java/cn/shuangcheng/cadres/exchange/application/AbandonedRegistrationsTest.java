package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.api.SecondmentPlaceTaken;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registrations whose process died between claiming the person and the answer, as the registry and the event store
 * are left by it: the registry's entry with the secondment pending, and nothing, the place, or the secondment stored.
 */
class AbandonedRegistrationsTest {

    private static final Instant BEGUN = Instant.parse("2026-06-01T08:00:00Z");
    private static final Duration AFTER = Duration.ofMinutes(30);
    private static final LocalDate START = LocalDate.of(2026, 7, 1);

    private final String database = SharedMongo.uniqueDatabaseName("abandoned");
    private final MongoClient client = MongoClients.create(SharedMongo.connectionString());
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final CadreRegistry registry = new CadreRegistry(client.getDatabase(database),
            Clock.fixed(BEGUN, ZoneOffset.UTC));
    private final MongoCollection<Document> cadres = client.getDatabase(database).getCollection("cadres");

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
        client.close();
    }

    @Test
    void a_registration_that_stored_nothing_is_withdrawn_after_the_age_and_its_new_person_leaves_the_registry() {
        String cadreId = registry.claim("半途", "ABANDONED-1");
        registry.addSecondment(cadreId, UUID.randomUUID().toString(), "batch-1", null);

        assertThat(sweepAt(BEGUN.plus(AFTER).minusSeconds(1))).as("younger than the age: maybe still running")
                .isZero();
        assertThat(cadres.countDocuments(Filters.eq("personnelNo", "ABANDONED-1"))).isEqualTo(1);

        assertThat(sweepAt(BEGUN.plus(AFTER).plusSeconds(1))).isEqualTo(1);
        assertThat(cadres.countDocuments(Filters.eq("_id", cadreId))).as("name and personnel number gone").isZero();
        assertThat(sweepAt(BEGUN.plus(AFTER).plusSeconds(2))).as("decided once").isZero();
    }

    @Test
    void a_person_claimed_by_a_registration_that_died_before_adding_its_secondment_leaves_the_registry() {
        String cadreId = registry.claim("未竟", "ABANDONED-4");

        assertThat(sweepAt(BEGUN.plus(AFTER).minusSeconds(1))).as("younger than the age: maybe still running")
                .isZero();
        assertThat(cadres.countDocuments(Filters.eq("_id", cadreId))).isEqualTo(1);
        assertThat(sweepAt(BEGUN.plus(AFTER).plusSeconds(1))).isEqualTo(1);
        assertThat(cadres.countDocuments(Filters.eq("_id", cadreId))).as("name and personnel number gone").isZero();
        assertThat(registry.addSecondment(cadreId, UUID.randomUUID().toString(), "batch-4", null))
                .as("a registration still holding the claim claims the person anew").isFalse();
    }

    @Test
    void a_registration_whose_secondment_or_place_was_stored_is_settled_and_its_person_stays() {
        String registeredId = UUID.randomUUID().toString();
        String placedId = UUID.randomUUID().toString();
        String cadreId = registry.claim("已存", "ABANDONED-2");
        registry.addSecondment(cadreId, registeredId, "batch-2", null);
        registry.addSecondment(cadreId, placedId, "batch-2", null);
        eventStore.publish(new GenericDomainEventMessage<>("Secondment", registeredId, 0, new SecondmentRegistered(
                registeredId, "batch-2", 2, cadreId, Direction.SICHUAN_TO_CHONGQING, "派出", "510000", "接收", "500000",
                null, START, START.plusYears(1))));
        eventStore.publish(new GenericDomainEventMessage<>("SecondmentBatch", "batch-2", 0, new SecondmentPlaceTaken(
                "batch-2", placedId, Direction.SICHUAN_TO_CHONGQING, 1, 50)));

        assertThat(sweepAt(BEGUN.plus(AFTER).plusSeconds(1))).isZero();
        Document entry = cadres.find(Filters.eq("_id", cadreId)).first();
        assertThat(entry.getString("personnelNo")).isEqualTo("ABANDONED-2");
        assertThat(entry.getList("secondmentIds", String.class)).containsExactlyInAnyOrder(registeredId, placedId);
        assertThat(entry.getList("pending", Document.class)).as("settled").isEmpty();
    }

    @Test
    void an_abandoned_registration_of_a_person_with_a_stored_secondment_takes_back_only_itself() {
        String cadreId = registry.claim("老人", "ABANDONED-3");
        String earlier = UUID.randomUUID().toString();
        registry.addSecondment(cadreId, earlier, "batch-3", null);
        registry.settle(cadreId, earlier);
        String abandoned = UUID.randomUUID().toString();
        registry.addSecondment(cadreId, abandoned, "batch-3", null);

        assertThat(sweepAt(BEGUN.plus(AFTER).plusSeconds(1))).isEqualTo(1);
        Document entry = cadres.find(Filters.eq("_id", cadreId)).first();
        assertThat(entry.getString("name")).isEqualTo("老人");
        assertThat(entry.getList("secondmentIds", String.class)).containsExactly(earlier);
        assertThat(entry.getList("pending", Document.class)).isEmpty();
    }

    @Test
    void an_age_that_a_live_registration_could_reach_is_refused_at_start() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AbandonedRegistrations(registry,
                        new StoredRegistrations(eventStore), Clock.systemUTC(), Duration.ofMinutes(10),
                        Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("four times");
    }

    private int sweepAt(Instant now) {
        try (AbandonedRegistrations sweeper = new AbandonedRegistrations(registry, new StoredRegistrations(eventStore),
                Clock.fixed(now, ZoneOffset.UTC), AFTER, Duration.ofMinutes(5))) {
            return sweeper.sweep();
        }
    }
}
