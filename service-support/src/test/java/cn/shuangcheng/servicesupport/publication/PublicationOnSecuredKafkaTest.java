package cn.shuangcheng.servicesupport.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;

import cn.shuangcheng.servicesupport.deadletter.EventFailureClassifier;
import cn.shuangcheng.servicesupport.deadletter.FailureKind;
import cn.shuangcheng.support.kafka.KafkaConnectionProperties;
import cn.shuangcheng.servicesupport.testing.SecuredKafka;
import cn.shuangcheng.servicesupport.testing.SecuredKafka.User;

/**
 * The publication on a broker with SASL (SCRAM-SHA-512) and ACLs as deployed: project-service creates its topic and
 * publishes with its own credentials through {@code shuangcheng.kafka.properties} alone, reporting-service reads it,
 * and no one else can write an event topic or the intake topic.
 */
class PublicationOnSecuredKafkaTest {

    private static final String TOPIC = SecuredKafka.PROJECT_EVENTS;

    @BeforeAll
    static void topics() throws Exception {
        // the project topic as project-service creates it; the others as kafka-init and the other services would
        new PublicationTopicCreator(connectionOf(User.PROJECT_SERVICE), publication()).ensureTopicExists();
        SecuredKafka.createTopic(SecuredKafka.CADRE_EVENTS, 1);
        SecuredKafka.createTopic(SecuredKafka.INTAKE, 1);
    }

    @Test
    void project_service_publishes_with_its_own_credentials_and_reporting_service_reads_the_event() throws Exception {
        String aggregate = "P-" + UUID.randomUUID();
        try (CloudEventKafkaSender sender = new CloudEventKafkaSender(connectionOf(User.PROJECT_SERVICE),
                publication())) {
            sender.send(aggregate, new CloudEventMapper("project-service", "project")
                    .toCloudEvent(TestEvents.investment(aggregate, 0, 42))).get(30, TimeUnit.SECONDS);
        }

        Map<String, Object> config = new HashMap<>(SecuredKafka.clientConfig(User.REPORTING_SERVICE));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reporting-service");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> reporting = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            reporting.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read.stream().noneMatch(r -> aggregate.equals(r.key())) && System.nanoTime() < deadline) {
                reporting.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        assertThat(read).filteredOn(r -> aggregate.equals(r.key())).singleElement()
                .satisfies(r -> assertThat(new String(r.headers().lastHeader("ce_source").value(),
                        StandardCharsets.UTF_8)).isEqualTo("urn:shuangcheng:project-service"));
    }

    @Test
    void a_producer_without_rights_cannot_write_an_event_topic_nor_the_intake_topic() throws Exception {
        Map<User, List<String>> forbidden = Map.of(
                User.OUTSIDER, List.of(SecuredKafka.PROJECT_EVENTS, SecuredKafka.CADRE_EVENTS, SecuredKafka.INTAKE),
                User.REPORTING_SERVICE, List.of(SecuredKafka.PROJECT_EVENTS, SecuredKafka.CADRE_EVENTS,
                        SecuredKafka.INTAKE),
                User.INTAKE_SYSTEM, List.of(SecuredKafka.PROJECT_EVENTS, SecuredKafka.CADRE_EVENTS),
                User.CADRE_SERVICE, List.of(SecuredKafka.PROJECT_EVENTS, SecuredKafka.INTAKE),
                User.PROJECT_SERVICE, List.of(SecuredKafka.CADRE_EVENTS, SecuredKafka.INTAKE));
        Map<String, Long> before = recordCounts();

        List<String> refused = new ArrayList<>();
        for (Map.Entry<User, List<String>> entry : forbidden.entrySet()) {
            for (String topic : entry.getValue()) {
                assertThatThrownBy(() -> write(entry.getKey(), topic)).as(entry.getKey().name + " writing " + topic)
                        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AuthorizationException.class)
                        .satisfies(e -> refused.add(entry.getKey().name + "->" + topic + ": "
                                + e.getClass().getSimpleName()));
            }
        }
        System.out.println("[secured-kafka] refused writes: " + refused);

        assertThat(recordCounts()).as("nothing of theirs was written").isEqualTo(before);
        // the same producer code with rights does write: the refusals above are the ACLs, not a broken client
        write(User.INTAKE_SYSTEM, SecuredKafka.INTAKE);
        assertThat(recordCounts().get(SecuredKafka.INTAKE)).isEqualTo(before.get(SecuredKafka.INTAKE) + 1);
    }

    @Test
    void a_publication_without_the_right_to_write_its_topic_is_kafkas_failure_and_parks_nothing() throws Exception {
        // an ACL or password slip: cadre-service's credentials on project-service's topic
        try (CloudEventKafkaSender sender = new CloudEventKafkaSender(connectionOf(User.CADRE_SERVICE),
                publication())) {
            KafkaPublishingEventHandler handler = new KafkaPublishingEventHandler(
                    new CloudEventMapper("project-service", "project"), sender, Duration.ofSeconds(20));
            // refused as the event's own, the processor would park this event and every aggregate's next one
            assertThatThrownBy(() -> handler.handle(TestEvents.investment("P-" + UUID.randomUUID(), 0, 1)))
                    .isInstanceOf(PublicationFailedException.class)
                    .satisfies(e -> assertThat(EventFailureClassifier.classify(e))
                            .isEqualTo(FailureKind.INFRASTRUCTURE))
                    .rootCause().isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void a_service_started_before_its_credential_existed_publishes_once_the_credential_is_there() throws Exception {
        // Kubernetes may start the service before the credential job ran, or a rotation may lag: the idempotent
        // producer fails authentication once and, kept, never sends again (its sends then wait out their timeout)
        String user = "late-" + UUID.randomUUID();
        String password = UUID.randomUUID().toString();
        SecuredKafka.allowOnTopic(user, TOPIC, AclOperation.WRITE, AclOperation.DESCRIBE);
        String aggregate = "P-" + UUID.randomUUID();
        CloudEvent event = new CloudEventMapper("project-service", "project")
                .toCloudEvent(TestEvents.investment(aggregate, 0, 7));
        try (CloudEventKafkaSender sender = new CloudEventKafkaSender(new KafkaConnectionProperties(
                SecuredKafka.bootstrapServers(), SecuredKafka.clientProperties(user, password)), publication())) {
            assertThatThrownBy(() -> sender.send(aggregate, event).get(30, TimeUnit.SECONDS))
                    .as("refused at once, or when the send's future answers")
                    .satisfies(e -> assertThat(e instanceof ExecutionException ? e.getCause() : e)
                            .isInstanceOf(AuthenticationException.class));

            SecuredKafka.setCredential(user, password);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> acknowledged(sender.send(aggregate, event)));
        }
        assertThat(SecuredKafka.readRecords(TOPIC, (int) SecuredKafka.recordCount(TOPIC), Duration.ofSeconds(60)))
                .filteredOn(r -> aggregate.equals(r.key())).isNotEmpty();
    }

    private static boolean acknowledged(java.util.concurrent.Future<?> sent) {
        try {
            sent.get(30, TimeUnit.SECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static void write(User user, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(SecuredKafka.clientConfig(user));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "P-forged", "{\"forged\":true}")).get(30, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Long> recordCounts() {
        Map<String, Long> counts = new HashMap<>();
        for (String topic : List.of(SecuredKafka.PROJECT_EVENTS, SecuredKafka.CADRE_EVENTS, SecuredKafka.INTAKE)) {
            counts.put(topic, SecuredKafka.recordCount(topic));
        }
        return counts;
    }

    private static KafkaConnectionProperties connectionOf(User user) {
        return new KafkaConnectionProperties(SecuredKafka.bootstrapServers(), SecuredKafka.clientProperties(user));
    }

    private static PublicationProperties publication() {
        return PublicationProperties.of(TOPIC, "project", "project-service");
    }
}
