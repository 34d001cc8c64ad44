package cn.shuangcheng.servicesupport.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import cn.shuangcheng.servicesupport.deadletter.DeadLetterAdmin;
import cn.shuangcheng.servicesupport.deadletter.DeadLetterProperties;
import cn.shuangcheng.servicesupport.deadletter.DeadLetterQueues;
import cn.shuangcheng.servicesupport.eventstore.AxonJsonSerializers;
import cn.shuangcheng.servicesupport.eventstore.SequencedMongoEventStorageEngine;
import cn.shuangcheng.servicesupport.health.EventProcessorSupervisor;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;

/**
 * Poison events in the publication, on the real broker and the MongoDB stand-in with the services' own storage
 * engine, token store and axon-mongo's sequenced dead-letter queue: events are injected straight into the event store
 * before the processor starts, the poison one is parked with its reason, the events of its aggregate behind it wait,
 * every other aggregate is published, and after a drop or a retry the waiting events flow, in order.
 */
class PublicationDeadLettersTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROCESSOR = "kafka-publication";
    private static final List<String> TABLE = new ArrayList<>();

    /** While set, writing an {@link Armed} payload as JSON throws it: a handler failure that a code fix removes. */
    static final AtomicReference<Throwable> ARMED = new AtomicReference<>();

    /** A payload that reads back fine but whose publication fails while {@link #ARMED} is set. */
    record Armed(String projectId, String note) {
        @Override
        public String note() {
            Throwable failure = ARMED.get();
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure instanceof RuntimeException exception) {
                throw exception;
            }
            return note;
        }
    }

    private final Serializer serializer = AxonJsonSerializers.jacksonSerializer();
    private final MongoClient mongoClient = MongoClients.create(SharedMongo.connectionString());
    private final String database = SharedMongo.uniqueDatabaseName("publication_dlq");
    private final MongoDatabase db = mongoClient.getDatabase(database);
    private final SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
            .database(db).eventSerializer(serializer).snapshotSerializer(serializer).build();
    private final TokenStore tokenStore = MongoTokenStore.builder()
            .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongoClient, database).build())
            .serializer(serializer).build();
    private final DeadLetterQueues deadLetters = new DeadLetterQueues(db, DeadLetterProperties.defaults(), null);

    @AfterEach
    void closeClient() {
        ARMED.set(null);
        mongoClient.close();
    }

    @AfterAll
    static void printTable() {
        System.out.println("| publication scenario | events injected | parked | published | processors died |");
        System.out.println("|---|---|---|---|---|");
        TABLE.forEach(System.out::println);
    }

    private static PublicationProperties publication(String topic) {
        return PublicationProperties.of(topic, "project", "project-service").withBatchSize(10)
                                    .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(20));
    }

    @Test
    void parksAnUnreadableEventKeepsItsAggregateBehindItAndReleasesThemWhenItIsDropped() {
        String topic = SharedKafka.uniqueTopic("publication-dlq-unreadable");
        DomainEventMessage<?> poison = TestEvents.investment("P-1", 1, 11);
        List<DomainEventMessage<?>> injected = List.of(TestEvents.investment("P-1", 0, 10), poison,
                TestEvents.investment("P-1", 2, 12), TestEvents.investment("P-2", 0, 20),
                TestEvents.investment("P-2", 1, 21), TestEvents.investment("P-2", 2, 22));
        engine.appendEvents(injected);
        // The stored payload no longer reads as an InvestmentRecorded: its period is not a month.
        db.getCollection(SequencedMongoEventStorageEngine.DEFAULT_EVENTS_COLLECTION).updateOne(
                Filters.eq("eventIdentifier", poison.getIdentifier()), Updates.set("payload.period", "nope"));

        try (PublicationRig rig = startRig(topic);
             EventProcessorSupervisor supervisor = supervisor(rig)) {
            DeadLetterAdmin admin = new DeadLetterAdmin(rig.configuration::eventProcessingConfiguration);
            await().atMost(WAIT).until(rig::caughtUpWithStore);

            // P-2 is published in full, P-1 up to the poison event; the poison one and the one behind it wait.
            assertThat(sequences(topic, 4)).containsExactlyInAnyOrder("P-1/0", "P-2/0", "P-2/1", "P-2/2");
            DeadLetterAdmin.Page parked = admin.list(PROCESSOR, 0, 20);
            assertThat(parked.total()).isEqualTo(1);
            assertThat(parked.items()).singleElement().satisfies(sequence -> {
                assertThat(sequence.sequenceId()).isEqualTo("P-1");
                assertThat(sequence.parked()).isEqualTo(2);
                assertThat(sequence.head().eventId()).isEqualTo(poison.getIdentifier());
                assertThat(sequence.head().aggregateSequence()).isEqualTo(1);
                assertThat(sequence.head().causeMessage()).contains("nope");
            });

            // A retry while the event is still unreadable keeps it (and what is behind it) parked.
            DeadLetterAdmin.Outcome retried = admin.retry(PROCESSOR, "P-1");
            assertThat(retried.released()).isZero();
            assertThat(retried.remaining()).isEqualTo(2);
            assertThat(retried.head().eventId()).isEqualTo(poison.getIdentifier());

            // A later event of P-1 queues behind it; another aggregate is never blocked.
            rig.publish(List.of(TestEvents.investment("P-1", 3, 13), TestEvents.investment("P-3", 0, 30)));
            await().atMost(WAIT).until(rig::caughtUpWithStore);
            assertThat(queue(rig).sequenceSize("P-1")).isEqualTo(3);
            assertThat(SharedKafka.recordCount(topic)).isEqualTo(5);

            DeadLetterAdmin.Outcome dropped = admin.drop(PROCESSOR, "P-1");
            assertThat(dropped.dropped()).isEqualTo(poison.getIdentifier());
            assertThat(dropped.released()).isEqualTo(2);
            assertThat(dropped.remaining()).isZero();

            // After the drop the aggregate flows again, directly.
            rig.publish(List.of(TestEvents.investment("P-1", 4, 14)));
            await().atMost(WAIT).until(() -> SharedKafka.recordCount(topic) == 8);
            List<String> published = sequences(topic, 8);
            assertThat(published.stream().filter(s -> s.startsWith("P-1/")))
                    .containsExactly("P-1/0", "P-1/2", "P-1/3", "P-1/4");
            assertThat(queue(rig).size()).isZero();
            supervisor.check();
            assertThat(rig.processor().isRunning()).isTrue();
            TABLE.add(row("unreadable payload, then drop", 9, 3, published.size(), died(rig, supervisor)));
        }
    }

    @Test
    void parksAnErrorRaisedWhilePublishingAndPublishesTheSequenceWhenRetriedAfterTheFix() {
        String topic = SharedKafka.uniqueTopic("publication-dlq-error");
        List<DomainEventMessage<?>> injected = List.of(
                TestEvents.domainEvent("Q-1", 0, new Armed("Q-1", "first"), MetaData.emptyInstance()),
                TestEvents.investment("Q-1", 1, 11), TestEvents.investment("Q-2", 0, 20));
        engine.appendEvents(injected);
        ARMED.set(new OutOfMemoryError("Java heap space (thrown by the test)"));

        try (PublicationRig rig = startRig(topic);
             EventProcessorSupervisor supervisor = supervisor(rig)) {
            DeadLetterAdmin admin = new DeadLetterAdmin(rig.configuration::eventProcessingConfiguration);
            await().atMost(WAIT).until(rig::caughtUpWithStore);

            assertThat(sequences(topic, 1)).containsExactly("Q-2/0");
            assertThat(admin.list(PROCESSOR, 0, 20).items()).singleElement().satisfies(sequence -> {
                assertThat(sequence.sequenceId()).isEqualTo("Q-1");
                assertThat(sequence.parked()).isEqualTo(2);
                assertThat(sequence.head().causeType()).isEqualTo(OutOfMemoryError.class.getName());
            });
            supervisor.check();
            assertThat(rig.processor().isRunning()).isTrue();
            assertThat(rig.processor().isError()).isFalse();

            ARMED.set(null); // the fix is deployed
            DeadLetterAdmin.Outcome retried = admin.retry(PROCESSOR, "Q-1");

            assertThat(retried.released()).isEqualTo(2);
            assertThat(retried.remaining()).isZero();
            List<String> published = sequences(topic, 3);
            assertThat(published).containsExactlyInAnyOrder("Q-2/0", "Q-1/0", "Q-1/1");
            assertThat(published.stream().filter(s -> s.startsWith("Q-1/"))).containsExactly("Q-1/0", "Q-1/1");
            TABLE.add(row("OutOfMemoryError in handler, then retry", 3, 2, published.size(),
                    died(rig, supervisor)));
        }
    }

    @Test
    void parksAnEventTooLargeForTheProducerAndGoesOn() {
        String topic = SharedKafka.uniqueTopic("publication-dlq-too-large");
        List<DomainEventMessage<?>> injected = List.of(
                TestEvents.domainEvent("R-1", 0, new Armed("R-1", "x".repeat(1_200_000)), MetaData.emptyInstance()),
                TestEvents.investment("R-1", 1, 11), TestEvents.investment("R-2", 0, 20));
        engine.appendEvents(injected);

        try (PublicationRig rig = startRig(topic);
             EventProcessorSupervisor supervisor = supervisor(rig)) {
            await().atMost(WAIT).until(rig::caughtUpWithStore);

            assertThat(sequences(topic, 1)).containsExactly("R-2/0");
            assertThat(queue(rig).sequenceSize("R-1")).isEqualTo(2);
            assertThat(queue(rig).deadLetterSequence("R-1").iterator().next().cause().orElseThrow().type())
                    .isEqualTo(org.apache.kafka.common.errors.RecordTooLargeException.class.getName());
            TABLE.add(row("record over max.request.size", 3, 2, 1, died(rig, supervisor)));
        }
    }

    @Test
    void parksNothingWhileKafkaRefusesAndPublishesEverythingOnceItTakesThemAgain() throws Exception {
        String topic = SharedKafka.uniqueTopic("publication-dlq-kafka-refuses");
        SharedKafka.createTopic(topic, 2);
        // the broker refuses every record: Kafka's fault, not the events'
        KafkaPublicationOnMongoTest.setTopicConfig(topic, "max.message.bytes", "64");
        List<DomainEventMessage<?>> injected = List.of(TestEvents.investment("K-1", 0, 10),
                TestEvents.investment("K-1", 1, 11), TestEvents.investment("K-2", 0, 20));
        engine.appendEvents(injected);

        try (PublicationRig rig = startRig(topic);
             EventProcessorSupervisor supervisor = supervisor(rig)) {
            await().atMost(WAIT).until(rig::inError);
            assertThat(rig.caughtUpWithStore()).isFalse(); // the position is kept
            assertThat(SharedKafka.recordCount(topic)).isZero();
            assertThat(queue(rig).size()).isZero();

            KafkaPublicationOnMongoTest.setTopicConfig(topic, "max.message.bytes", "1048588");
            await().atMost(WAIT).until(rig::caughtUpWithStore);

            assertThat(sequences(topic, 3)).containsExactlyInAnyOrder("K-1/0", "K-1/1", "K-2/0");
            assertThat(queue(rig).size()).isZero();
            supervisor.check();
            TABLE.add(row("Kafka refuses every record, then accepts", 3, 0, 3, died(rig, supervisor)));
        }
    }

    @Test
    void anEventSentBeforeAParkedLastEventIsNotSkippedWhenKafkaDoesNotAcknowledgeIt() throws Exception {
        String topic = SharedKafka.uniqueTopic("publication-dlq-parked-last");
        SharedKafka.createTopic(topic, 2);
        // the broker takes the send and refuses the record afterwards: the failure arrives at the batch's wait
        KafkaPublicationOnMongoTest.setTopicConfig(topic, "max.message.bytes", "64");
        DomainEventMessage<?> poison = TestEvents.investment("L-1", 0, 10);
        // the batch's last event belongs to the aggregate with a parked event: it is parked behind it, and the
        // handler never sees it
        engine.appendEvents(List.of(poison, TestEvents.investment("L-2", 0, 20), TestEvents.investment("L-1", 1, 11)));
        db.getCollection(SequencedMongoEventStorageEngine.DEFAULT_EVENTS_COLLECTION).updateOne(
                Filters.eq("eventIdentifier", poison.getIdentifier()), Updates.set("payload.period", "nope"));

        try (PublicationRig rig = startRig(topic);
             EventProcessorSupervisor supervisor = supervisor(rig)) {
            await().atMost(WAIT).until(() -> queue(rig).sequenceSize("L-1") == 2 && rig.inError());
            // the token stayed before L-2/0: Kafka never acknowledged it (it was stored past it, so L-2/0 was
            // never sent again)
            assertThat(rig.caughtUpWithStore()).isFalse();

            KafkaPublicationOnMongoTest.setTopicConfig(topic, "max.message.bytes", "1048588");
            await().atMost(WAIT).until(rig::caughtUpWithStore);

            assertThat(sequences(topic, 1)).containsExactly("L-2/0");
            assertThat(queue(rig).sequenceSize("L-1")).isEqualTo(2);
            supervisor.check();
            TABLE.add(row("Kafka refuses a record of a batch whose last event is parked", 3, 2, 1,
                    died(rig, supervisor)));
        }
    }

    private PublicationRig startRig(String topic) {
        return PublicationRig.startWithDeadLetters(publication(topic), engine, tokenStore, deadLetters, serializer);
    }

    private static EventProcessorSupervisor supervisor(PublicationRig rig) {
        return new EventProcessorSupervisor(rig.configuration::eventProcessingConfiguration, 3, null);
    }

    private static long died(PublicationRig rig, EventProcessorSupervisor supervisor) {
        return supervisor.restarts(PROCESSOR) + (rig.processor().isError() ? 1 : 0);
    }

    private static String row(String scenario, int injected, int parked, int published, long died) {
        return "| " + scenario + " | " + injected + " | " + parked + " | " + published + " | " + died + " |";
    }

    private static SequencedDeadLetterQueue<EventMessage<?>> queue(PublicationRig rig) {
        return rig.configuration.eventProcessingConfiguration().deadLetterQueue(PROCESSOR).orElseThrow();
    }

    /** The first {@code count} records of the topic as {@code aggregate/sequence}, in partition order. */
    private static List<String> sequences(String topic, int count) {
        List<ConsumerRecord<String, byte[]>> records = SharedKafka.readRecords(topic, count, WAIT);
        return records.stream().map(record -> record.key() + "/" + new String(
                record.headers().lastHeader("ce_sequence").value(), StandardCharsets.UTF_8)).toList();
    }
}
