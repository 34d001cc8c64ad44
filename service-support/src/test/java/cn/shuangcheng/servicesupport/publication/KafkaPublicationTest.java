package cn.shuangcheng.servicesupport.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.header.Header;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.TcpLink;

/**
 * Publication against the real (in-process) broker, with Axon's in-memory engine and token store: what the code
 * needs from them is only what every engine and token store provides.
 */
class KafkaPublicationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    private final InMemoryTokenStore tokenStore = new InMemoryTokenStore();

    private static PublicationProperties publication(String topic) {
        return PublicationProperties.of(topic, "project", "project-service")
                                    .withBatchSize(10)
                                    .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(20));
    }

    @Test
    void createsTheTopicAndPublishesEachEventKeyedByAggregateWithCloudEventHeadersAndJsonData() {
        String topic = SharedKafka.uniqueTopic("publication");
        DomainEventMessage<?> investment = TestEvents.domainEvent("P-100", 0,
                new TestEvents.InvestmentRecorded("P-100", java.time.YearMonth.of(2023, 1), 5_628_000_000L),
                Map.of("principal", "alice", "correlationId", "c-1", "traceparent", "00-abc-def-01"));
        DomainEventMessage<?> started = TestEvents.domainEvent("P-100", 1,
                new TestEvents.ProjectStarted("P-100", java.time.LocalDate.of(2023, 2, 10)), Map.of());

        try (PublicationRig rig = PublicationRig.start(publication(topic).withPartitions(3), engine, tokenStore)) {
            rig.publish(List.of(investment, started));
            List<ConsumerRecord<String, byte[]>> records = SharedKafka.readRecords(topic, 2, WAIT);

            assertThat(records).extracting(ConsumerRecord::key).containsExactly("P-100", "P-100");
            ConsumerRecord<String, byte[]> first = records.get(0);
            assertThat(headers(first)).containsEntry("ce_specversion", "1.0")
                                      .containsEntry("ce_id", investment.getIdentifier())
                                      .containsEntry("ce_source", "urn:shuangcheng:project-service")
                                      .containsEntry("ce_type", "shuangcheng.project.InvestmentRecorded.v1")
                                      .containsEntry("ce_subject", "P-100")
                                      .containsEntry("ce_dataschema",
                                              "urn:shuangcheng:schema:project:InvestmentRecorded:v1")
                                      .containsEntry("ce_sequence", "0")
                                      .containsEntry("ce_principal", "alice")
                                      .containsEntry("ce_correlationid", "c-1")
                                      .containsEntry("ce_traceparent", "00-abc-def-01")
                                      .containsEntry("content-type", "application/json")
                                      .containsKey("ce_time");
            assertThat(new String(first.value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"projectId\":\"P-100\",\"period\":\"2023-01\",\"amountYuan\":5628000000}");
            assertThat(headers(records.get(1))).containsEntry("ce_type", "shuangcheng.project.ProjectStarted.v1")
                                               .containsEntry("ce_sequence", "1")
                                               .doesNotContainKey("ce_principal");
            assertThat(new String(records.get(1).value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"projectId\":\"P-100\",\"startedOn\":\"2023-02-10\"}");
            assertThat(partitionCount(topic)).isEqualTo(3);
        }
    }

    @Test
    void keepsEachAggregatesEventsInOrderOnOnePartition() {
        String topic = SharedKafka.uniqueTopic("publication-order");
        List<String> aggregates = List.of("P-1", "P-2", "P-3", "P-4", "P-5", "P-6", "P-7", "P-8");
        int eventsPerAggregate = 25;
        // Interleaved as concurrent commands would store them: P-1#0, P-2#0, ..., P-1#1, ...
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < eventsPerAggregate; sequence++) {
            for (String aggregate : aggregates) {
                events.add(TestEvents.investment(aggregate, sequence, 1000L + sequence));
            }
        }

        try (PublicationRig rig = PublicationRig.start(publication(topic), engine, tokenStore)) {
            rig.publish(events);
            List<ConsumerRecord<String, byte[]>> records = SharedKafka.readRecords(topic, events.size(), WAIT);

            Map<String, List<ConsumerRecord<String, byte[]>>> byAggregate = records.stream().collect(
                    Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new, Collectors.toList()));
            assertThat(byAggregate).containsOnlyKeys(aggregates);
            byAggregate.forEach((aggregate, ofAggregate) -> {
                assertThat(ofAggregate).extracting(ConsumerRecord::partition).as(aggregate).containsOnly(
                        ofAggregate.get(0).partition());
                assertThat(ofAggregate).extracting(record -> Long.parseLong(headers(record).get("ce_sequence")))
                                       .as(aggregate)
                                       .containsExactlyElementsOf(
                                               IntStream.range(0, eventsPerAggregate).mapToObj(i -> (long) i)
                                                        .toList());
            });
            await().atMost(WAIT).until(rig::caughtUpWithStore);
            assertThat(SharedKafka.recordCount(topic)).isEqualTo(events.size());
        }
    }

    static Stream<Arguments> transactionManagers() {
        return Stream.of(Arguments.of("no transaction manager", NoTransactionManager.instance()),
                Arguments.of("a transaction the token store is not part of",
                        PublicationRig.nonParticipatingTransactionManager()));
    }

    @ParameterizedTest(name = "with {0}")
    @MethodSource("transactionManagers")
    void doesNotAdvanceTheTokenWhileKafkaRefusesAndPublishesEverythingOnceKafkaAcceptsAgain(
            String description, TransactionManager transactionManager) throws Exception {
        String topic = SharedKafka.uniqueTopic("publication-refused");
        SharedKafka.createTopic(topic, 2);
        List<DomainEventMessage<?>> before = List.of(TestEvents.investment("P-1", 0, 10),
                TestEvents.investment("P-2", 0, 20));
        List<DomainEventMessage<?>> during = List.of(TestEvents.investment("P-1", 1, 11),
                TestEvents.investment("P-2", 1, 21), TestEvents.investment("P-1", 2, 12));

        try (PublicationRig rig = PublicationRig.start(publication(topic), engine, tokenStore, transactionManager)) {
            rig.publish(before);
            await().atMost(WAIT).until(rig::caughtUpWithStore);
            TrackingToken tokenBeforeOutage = rig.storedToken();

            // The broker refuses every record from now on (RecordTooLargeException), as a misconfigured or
            // failing cluster would. (min.insync.replicas cannot simulate this on one broker: Kafka 4 caps it at
            // the replication factor.)
            setTopicConfig(topic, "max.message.bytes", "64");
            rig.publish(during);
            await().atMost(WAIT).until(rig::inError);

            assertThat(rig.storedToken()).isEqualTo(tokenBeforeOutage);
            assertThat(rig.caughtUpWithStore()).isFalse();
            assertThat(SharedKafka.recordCount(topic)).isEqualTo(before.size());

            setTopicConfig(topic, "max.message.bytes", "1048588");
            await().atMost(WAIT).until(rig::caughtUpWithStore);

            assertThat(SharedKafka.recordCount(topic)).isEqualTo(before.size() + during.size());
            List<ConsumerRecord<String, byte[]>> records = SharedKafka.readRecords(topic, 5, WAIT);
            assertThat(records).extracting(record -> headers(record).get("ce_id"))
                               .containsExactlyInAnyOrderElementsOf(ids(before, during));
            assertThat(rig.inError()).isFalse();
        }
    }

    @Test
    void doesNotAdvanceTheTokenWhenKafkaCannotBeReachedAtAll() {
        PublicationProperties publication = publication(SharedKafka.uniqueTopic("publication-unreachable"));
        // The topic is created on the shared broker, but the producer talks to port 1 on the loopback interface,
        // where connections are refused: every send runs into its timeout.
        try (PublicationRig rig = PublicationRig.startSendingTo("127.0.0.1:1", publication, engine,
                tokenStore)) {
            rig.publish(List.of(TestEvents.investment("P-1", 0, 10)));
            await().atMost(WAIT).until(rig::inError);

            assertThat(rig.caughtUpWithStore()).isFalse();
        }
    }

    /**
     * A write service (re)started while Kafka is away starts, since its API needs only MongoDB, and publishes once
     * Kafka answers. Nothing is sent before the topic exists as created here: a broker with auto-creation would
     * otherwise create it with its own retention. Before, the start failed, and the service crash-looped through the
     * outage.
     */
    @Test
    void startsWhileKafkaIsAwayAndPublishesIntoTheTopicItCreatesOnceKafkaAnswers() throws Exception {
        String topic = SharedKafka.uniqueTopic("publication-kafka-away");
        PublicationProperties publication = publication(topic).withTimeouts(Duration.ofSeconds(3),
                Duration.ofSeconds(1));
        try (TcpLink link = new TcpLink(SharedKafka.bootstrapServers())) {
            link.cut();
            try (PublicationRig rig = PublicationRig.startWithTopicAdminAt(link.address(), publication, engine,
                    tokenStore)) {
                rig.publish(List.of(TestEvents.investment("P-AWAY", 0, 10)));
                await().atMost(WAIT).until(rig::inError);
                assertThat(topicExists(topic)).isFalse();

                link.restore();

                // the test's consumer would have the broker create the topic itself: read once it exists
                await().atMost(WAIT).until(() -> topicExists(topic));
                assertThat(topicConfig(topic, TopicConfig.RETENTION_MS_CONFIG)).isEqualTo("-1");
                assertThat(SharedKafka.readRecords(topic, 1, WAIT)).extracting(ConsumerRecord::key)
                        .containsExactly("P-AWAY");
            }
        }
    }

    /** Waiting does not cure a Kafka that answers no: here a replication factor above the one broker's count. */
    @Test
    void aKafkaThatAnswersNoStillFailsTheStart() {
        PublicationProperties publication = new PublicationProperties(SharedKafka.uniqueTopic("publication-refused"),
                "project", "project-service", null, (short) 3, null, null, 10, Duration.ofSeconds(3),
                Duration.ofSeconds(20));

        assertThatThrownBy(() -> PublicationRig.start(publication, engine, tokenStore).close())
                .hasRootCauseInstanceOf(InvalidReplicationFactorException.class);
    }

    @Test
    void afterACleanRestartPublishesWhatWasStoredMeanwhileAndNothingTwice() {
        String topic = SharedKafka.uniqueTopic("publication-restart");
        List<DomainEventMessage<?>> firstRun = IntStream.range(0, 23)
                .mapToObj(i -> TestEvents.investment("P-" + (i % 4), i / 4, i)).collect(Collectors.toList());
        List<DomainEventMessage<?>> whileDown = IntStream.range(23, 40)
                .mapToObj(i -> TestEvents.investment("P-" + (i % 4), i / 4, i)).collect(Collectors.toList());
        List<DomainEventMessage<?>> secondRun = IntStream.range(40, 45)
                .mapToObj(i -> TestEvents.investment("P-" + (i % 4), i / 4, i)).collect(Collectors.toList());

        try (PublicationRig rig = PublicationRig.start(publication(topic), engine, tokenStore)) {
            rig.publish(firstRun);
            await().atMost(WAIT).until(rig::caughtUpWithStore);
        }
        engine.appendEvents(whileDown);
        assertThat(SharedKafka.recordCount(topic)).isEqualTo(firstRun.size());

        try (PublicationRig rig = PublicationRig.start(publication(topic), engine, tokenStore)) {
            rig.publish(secondRun);
            await().atMost(WAIT).until(rig::caughtUpWithStore);
        }

        // The token is stored only after the acknowledgements: once it covers the store, the topic is complete.
        int total = firstRun.size() + whileDown.size() + secondRun.size();
        assertThat(SharedKafka.recordCount(topic)).isEqualTo(total);
        List<ConsumerRecord<String, byte[]>> records = SharedKafka.readRecords(topic, total, WAIT);
        assertThat(records).extracting(record -> headers(record).get("ce_id"))
                           .containsExactlyInAnyOrderElementsOf(ids(firstRun, whileDown, secondRun));
    }

    @SafeVarargs
    private static List<String> ids(List<DomainEventMessage<?>>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).map(DomainEventMessage::getIdentifier).toList();
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static int partitionCount(String topic) {
        try (Admin admin = SharedKafka.admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                        .partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean topicExists(String topic) throws Exception {
        try (Admin admin = SharedKafka.admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        }
    }

    private static String topicConfig(String topic, String name) throws Exception {
        try (Admin admin = SharedKafka.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).get(name)
                    .value();
        }
    }

    private static void setTopicConfig(String topic, String name, String value) throws Exception {
        try (Admin admin = SharedKafka.admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(name, value), AlterConfigOp.OpType.SET))))
                 .all().get(30, TimeUnit.SECONDS);
        }
    }
}
