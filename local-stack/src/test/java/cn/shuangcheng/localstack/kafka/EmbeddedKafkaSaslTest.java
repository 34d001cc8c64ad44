package cn.shuangcheng.localstack.kafka;

import cn.shuangcheng.testsupport.ChildJvm;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --kafka-sasl}: the local stack's broker authenticates every client and grants what deploy/kafka grants. The
 * intake system writes the intake topic; reporting-service cannot, nor write an event topic; a wrong password does
 * not get in.
 */
class EmbeddedKafkaSaslTest {

    private static final String INTAKE = "shuangcheng.intake.submissions.v1";
    private static final String PROJECT_EVENTS = "shuangcheng.project.events.v1";

    @TempDir
    static Path data;
    private static EmbeddedKafka kafka;
    private static KafkaUsers users;

    @BeforeAll
    static void start() throws Exception {
        users = KafkaUsers.drawn();
        kafka = EmbeddedKafka.start(data.resolve("kafka"), freePort(), freePort(), Duration.ofMinutes(1), users);
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            admin.createTopics(List.of(new NewTopic(INTAKE, 1, (short) 1), new NewTopic(PROJECT_EVENTS, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void the_intake_system_writes_intake_and_reporting_service_writes_neither_intake_nor_an_event_topic()
            throws Exception {
        write(users.clientProperties(KafkaUser.INTAKE_SYSTEM), INTAKE);

        for (String topic : List.of(INTAKE, PROJECT_EVENTS)) {
            assertThatThrownBy(() -> write(users.clientProperties(KafkaUser.REPORTING_SERVICE), topic)).as(topic)
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void a_wrong_password_does_not_get_in() {
        Map<String, String> wrong = new HashMap<>(users.clientProperties(KafkaUser.PROJECT_SERVICE));
        wrong.put("sasl.jaas.config", wrong.get("sasl.jaas.config").replace(users.password(KafkaUser.PROJECT_SERVICE),
                "guessed"));
        assertThatThrownBy(() -> write(wrong, PROJECT_EVENTS)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(SaslAuthenticationException.class);
    }

    private static void write(Map<String, String> login, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(login);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
        }
    }

    /** Never one handed out before in this JVM (two free ports asked for in a row can be the same one). */
    private static int freePort() {
        return ChildJvm.freePort();
    }
}
