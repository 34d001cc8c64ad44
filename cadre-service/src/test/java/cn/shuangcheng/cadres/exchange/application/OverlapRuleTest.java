package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.domain.Period;
import cn.shuangcheng.cadres.exchange.mongo.ReservedPeriods;
import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.cadres.exchange.domain.Secondment;
import cn.shuangcheng.cadres.exchange.mongo.ReservedPeriods.Pending;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The overlap rule against the MongoDB stand-in, as two service instances use it: each "instance" has its own client
 * (its own connections), reserved periods and registry over one database, and one event store (the truth both read).
 */
class OverlapRuleTest {

    private static final LocalDate START = LocalDate.of(2024, 11, 1);
    private static final int THREADS = 8;

    private final String database = SharedMongo.uniqueDatabaseName("overlap");
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    /** The secondments as the service loads them, from the test's event store (their handlers take a clock). */
    private final Repository<Secondment> secondments = EventSourcingRepository.builder(Secondment.class)
            .eventStore(eventStore)
            .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                    ClasspathParameterResolverFactory.forClass(Secondment.class),
                    new SimpleResourceParameterResolverFactory(Set.of(Clock.systemUTC()))))
            .build();
    private final List<MongoClient> clients = new ArrayList<>();
    private OverlapRule first;
    private OverlapRule second;
    private CadreRegistry registry;

    @BeforeEach
    void setUp() {
        first = instance(Duration.ofMinutes(5));
        second = instance(Duration.ofMinutes(5));
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
        clients.forEach(MongoClient::close);
    }

    private OverlapRule instance(Duration grace) {
        MongoClient client = MongoClients.create(SharedMongo.connectionString());
        clients.add(client);
        registry = new CadreRegistry(client.getDatabase(database), Clock.systemUTC());
        return new OverlapRule(new ReservedPeriods(client.getDatabase(database), grace), registry,
                new SecondmentPeriods(() -> secondments));
    }

    /**
     * Eight overlapping changes of one person at once, four through each instance, for twenty people. The one that
     * gets in holds its reservation until every other has been answered, so a second one getting in would show.
     */
    @Test
    void of_overlapping_changes_of_one_person_racing_on_two_instances_exactly_one_is_carried_out() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        int refusedAsOverlap = 0;
        for (int person = 0; person < 20; person++) {
            String cadreId = registry.claim("并发" + person, "OVL-RACE-" + person);
            AtomicInteger carriedOut = new AtomicInteger();
            CountDownLatch othersAnswered = new CountDownLatch(THREADS - 1);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                OverlapRule rule = i % 2 == 0 ? first : second;
                Period wanted = new Period(UUID.randomUUID().toString(), START, START.plusMonths(6 + i));
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return rule.change(cadreId, wanted, reservation -> {
                            carriedOut.incrementAndGet();
                            return awaited(othersAnswered) ? "carried out" : "others hung";
                        });
                    } catch (StateConflictException e) {
                        othersAnswered.countDown();
                        return e.getMessage();
                    }
                }));
            }
            go.countDown();
            List<String> answers = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                answers.add(outcome.get(30, TimeUnit.SECONDS));
            }
            assertThat(carriedOut).as(answers.toString()).hasValue(1);
            assertThat(answers).containsOnlyOnce("carried out");
            refusedAsOverlap += (int) answers.stream().filter(a -> a.contains("overlaps")).count();
        }
        pool.shutdown();
        System.out.println("overlap race: 20 people x " + THREADS + " changes, 20 carried out, " + refusedAsOverlap
                + " refused as overlapping, " + (20 * (THREADS - 1) - refusedAsOverlap) + " refused otherwise");
        assertThat(refusedAsOverlap).isEqualTo(20 * (THREADS - 1));
    }

    /** A lost compare-and-set is decided again on a fresh reading, not refused: periods that do not overlap all pass. */
    @Test
    void changes_of_one_person_that_do_not_overlap_all_pass_though_they_race() throws Exception {
        String cadreId = registry.claim("并行", "OVL-DISJOINT");
        int changes = 6;
        ExecutorService pool = Executors.newFixedThreadPool(changes);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            OverlapRule rule = i % 2 == 0 ? first : second;
            Period wanted = new Period(UUID.randomUUID().toString(), START.plusMonths(i), START.plusMonths(i + 1));
            outcomes.add(pool.submit(() -> {
                go.await();
                return rule.change(cadreId, wanted, reservation -> "carried out");
            }));
        }
        go.countDown();
        for (Future<String> outcome : outcomes) {
            assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo("carried out");
        }
        pool.shutdown();
        assertThat(reservedOf(cadreId)).isEmpty();
    }

    @Test
    void a_stored_secondment_of_the_person_refuses_an_overlapping_change_and_allows_one_from_its_end() {
        String cadreId = registry.claim("存量", "OVL-STORED");
        String stored = UUID.randomUUID().toString();
        registry.addSecondment(cadreId, stored, "batch", null);
        eventStore.publish(new GenericDomainEventMessage<>("Secondment", stored, 0, new SecondmentRegistered(stored,
                "batch", 1, cadreId, Direction.SICHUAN_TO_CHONGQING, "派出", "510000", "接收", "500000", null, START,
                START.plusYears(1))));

        Period overlapping = new Period(UUID.randomUUID().toString(), START.plusMonths(11), START.plusMonths(20));
        assertThatThrownBy(() -> first.change(cadreId, overlapping, reservation -> "carried out"))
                .isInstanceOf(StateConflictException.class)
                .hasMessageContaining("already has a secondment from " + START).hasMessageContaining("overlaps")
                .hasMessageNotContaining(stored); // no link from a personnel number to another secondment's id
        Period fromItsEnd = new Period(UUID.randomUUID().toString(), START.plusYears(1), START.plusYears(2));
        String nextOne = second.change(cadreId, fromItsEnd, reservation -> "carried out");
        assertThat(nextOne).isEqualTo("carried out");
        // the stored secondment's own change (a completion after its planned end) is not measured against itself
        Period itsOwnLongerEnd = new Period(stored, START, START.plusYears(1).plusMonths(3));
        String longer = first.change(cadreId, itsOwnLongerEnd, reservation -> "carried out");
        assertThat(longer).isEqualTo("carried out");
    }

    /**
     * An instance that died between its reservation and its write leaves the reservation behind. It is respected
     * for the grace, then lapses (measured on the server's clock) and is dropped by the next reservation.
     */
    @Test
    void a_reservation_left_by_a_dead_instance_blocks_for_the_grace_then_lapses() {
        Duration grace = Duration.ofSeconds(2);
        MongoClient client = MongoClients.create(SharedMongo.connectionString());
        clients.add(client);
        ReservedPeriods reserved = new ReservedPeriods(client.getDatabase(database), grace);
        OverlapRule rule = new OverlapRule(reserved, registry, new SecondmentPeriods(() -> secondments));
        String cadreId = registry.claim("宕机", "OVL-DEAD");
        ReservedPeriods.Snapshot seen = reserved.read(cadreId);
        String abandoned = UUID.randomUUID().toString();
        assertThat(reserved.reserve(seen, new Pending(abandoned, "dead-instance", START, START.plusYears(1),
                seen.serverTime()))).isTrue();

        Period wanted = new Period(UUID.randomUUID().toString(), START.plusMonths(6), START.plusMonths(18));
        assertThatThrownBy(() -> rule.change(cadreId, wanted, reservation -> "carried out"))
                .isInstanceOf(StateConflictException.class)
                .hasMessageContaining("being made to another secondment of the cadre from")
                .hasMessageNotContaining(abandoned);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    ReservedPeriods.Snapshot now = reserved.read(cadreId);
                    return reserved.lapsed(now.pending().get(0), now);
                });
        String afterLapse = rule.change(cadreId, wanted, reservation -> {
            assertThat(reservedOf(cadreId)).extracting(d -> d.getString("secondmentId"))
                    .containsExactly(wanted.secondmentId());
            return "carried out";
        });
        assertThat(afterLapse).isEqualTo("carried out");
        assertThat(reservedOf(cadreId)).isEmpty();
    }

    @Test
    void a_write_mongodb_did_not_answer_keeps_its_reservation_for_the_grace_and_a_refused_one_gives_it_back() {
        // the first write's insert may still land: a retry of an overlapping period must not be decided meanwhile
        String cadreId = registry.claim("未答", "OVL-UNCLEAR");
        Period unanswered = new Period(UUID.randomUUID().toString(), START, START.plusYears(1));
        assertThatThrownBy(() -> first.change(cadreId, unanswered, reservation -> {
            throw new MongoSocketReadTimeoutException("read timed out", new ServerAddress("mongo", 27017),
                    new java.net.SocketTimeoutException());
        })).isInstanceOf(MongoSocketReadTimeoutException.class);
        assertThat(reservedOf(cadreId)).extracting(d -> d.getString("secondmentId"))
                .containsExactly(unanswered.secondmentId());
        Period retry = new Period(UUID.randomUUID().toString(), START, START.plusYears(1));
        assertThatThrownBy(() -> second.change(cadreId, retry, reservation -> "carried out"))
                .isInstanceOf(StateConflictException.class);

        String other = registry.claim("已拒", "OVL-REFUSED");
        assertThatThrownBy(() -> first.change(other, unanswered, reservation -> {
            throw new StateConflictException("all 50 places are taken");
        })).isInstanceOf(StateConflictException.class);
        assertThat(reservedOf(other)).isEmpty();
    }

    @Test
    void a_change_of_a_secondment_already_being_changed_is_a_conflict() {
        String cadreId = registry.claim("同改", "OVL-SAME");
        Period wanted = new Period(UUID.randomUUID().toString(), START, START.plusYears(1));
        String inner = first.change(cadreId, wanted, reservation -> {
            try {
                second.change(cadreId, new Period(wanted.secondmentId(), START, START.plusYears(2)), r -> "both");
                return "both";
            } catch (StateConflictException e) {
                return e.getMessage();
            }
        });
        assertThat(inner).contains("another change to secondment " + wanted.secondmentId());
    }

    @Test
    void a_write_that_takes_longer_than_half_the_grace_is_not_sent() {
        MongoClient client = MongoClients.create(SharedMongo.connectionString());
        clients.add(client);
        OverlapRule rule = new OverlapRule(new ReservedPeriods(client.getDatabase(database), Duration.ofMillis(400)),
                registry, new SecondmentPeriods(() -> secondments));
        String cadreId = registry.claim("迟缓", "OVL-SLOW");
        Period wanted = new Period(UUID.randomUUID().toString(), START, START.plusYears(1));
        assertThatThrownBy(() -> rule.change(cadreId, wanted, reservation -> {
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
            reservation.requireFresh();
            return "sent";
        })).isInstanceOf(StateConflictException.class).hasMessageContaining("took too long");
        assertThat(reservedOf(cadreId)).isEmpty();
    }

    @Test
    void the_time_spent_deciding_counts_against_the_reservation() {
        // others measure a reservation's lapse from the server time of the snapshot it was decided on: a decision
        // that took long (a slow read of the person's stored secondments) must not leave the write a full half grace
        MongoClient client = MongoClients.create(SharedMongo.connectionString());
        clients.add(client);
        OverlapRule rule = new OverlapRule(new ReservedPeriods(client.getDatabase(database), Duration.ofMillis(400)),
                registry, new SecondmentPeriods(() -> {
                    await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
                    return secondments;
                }));
        String cadreId = registry.claim("迟决", "OVL-SLOW-DECISION");
        registry.addSecondment(cadreId, UUID.randomUUID().toString(), "batch-of-the-other", null);
        Period wanted = new Period(UUID.randomUUID().toString(), START, START.plusYears(1));
        assertThatThrownBy(() -> rule.change(cadreId, wanted, reservation -> {
            reservation.requireFresh();
            return "sent";
        })).isInstanceOf(StateConflictException.class).hasMessageContaining("took too long");
    }

    private static boolean awaited(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<Document> reservedOf(String cadreId) {
        Document person = clients.get(0).getDatabase(database).getCollection(ReservedPeriods.COLLECTION)
                .find(new Document("_id", cadreId)).first();
        return person == null ? List.of() : person.getList("pending", Document.class);
    }
}
