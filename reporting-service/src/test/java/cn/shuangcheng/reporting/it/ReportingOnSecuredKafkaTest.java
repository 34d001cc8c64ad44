package cn.shuangcheng.reporting.it;

import cn.shuangcheng.reporting.ingestion.kafka.DeadLetters;
import cn.shuangcheng.servicesupport.testing.SecuredKafka;
import cn.shuangcheng.servicesupport.testing.SecuredKafka.User;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * reporting-service on a broker with SASL (SCRAM-SHA-512) and the deployed ACLs, with nothing but its own credentials
 * in {@code shuangcheng.kafka.properties}: it reads the event topics in its group and parks records on its
 * dead-letter topic, which it may write, and its health check reaches Kafka. The ACLs keep everyone but
 * project-service off the project topic (PublicationOnSecuredKafkaTest); here the forger holds project-service's
 * credential itself (stolen, or a project-service gone wrong), and a CloudEvent with another event id at a stored
 * aggregate and sequence is still parked as conflicting, not applied in place of the real one.
 */
class ReportingOnSecuredKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static ReportingRig rig;
    private static ContractEvents projectService;

    @BeforeAll
    static void start() {
        rig = ReportingRig.onSecuredKafka().start();
        projectService = new ContractEvents(new HashMap<>(SecuredKafka.clientConfig(User.PROJECT_SERVICE)));
    }

    @AfterAll
    static void stop() {
        projectService.close();
        rig.close();
    }

    @Test
    void a_forged_event_written_with_a_writers_credential_is_parked_as_conflicting_and_the_real_one_stays() {
        String p = UUID.randomUUID().toString();
        projectService.send(rig.projectTopic, "project", p, "ProjectProposed", "{\"projectId\":\"" + p + "\","
                + "\"name\":\"项目\",\"sector\":\"ECOLOGY\",\"platform\":null,\"regions\":[\"510500\"],"
                + "\"leadUnits\":[],\"totalInvestmentYuan\":1000000}");
        projectService.send(rig.projectTopic, "project", p, "InvestmentRecorded", investment(p, 5));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rig.json("/api/v1/projects/" + p)
                .path("investedToDateYuan").asLong()).isEqualTo(5));

        projectService.sendAt(rig.projectTopic, "project", p, "InvestmentRecorded", investment(p, 999_999), 1);
        projectService.send(rig.projectTopic, "project", p, "MilestoneReached", "{\"projectId\":\"" + p + "\","
                + "\"name\":\"开工\",\"reachedOn\":\"2023-03-01\",\"note\":null}");

        await().atMost(WAIT).untilAsserted(() -> assertThat(rig.diagnostics(p).path("eventCount")
                .asInt()).isEqualTo(3));
        assertThat(rig.json("/api/v1/projects/" + p).path("investedToDateYuan").asLong()).isEqualTo(5);
        List<ConsumerRecord<String, byte[]>> parked = SecuredKafka.readRecords(rig.deadLetterTopic, 1, WAIT);
        assertThat(parked.get(0).key()).isEqualTo(p);
        assertThat(new String(parked.get(0).headers().lastHeader(DeadLetters.REASON).value(),
                StandardCharsets.UTF_8)).contains("another event is stored").contains("sequence 1");
        assertThat(new String(parked.get(0).value(), StandardCharsets.UTF_8)).contains("999999");
        assertThat(rig.management().scrape().value("shuangcheng_reporting_events_conflicting_total")).isEqualTo(1);

        JsonNode health = ReportingRig.JSON.readTree(rig.management().get("/actuator/health").body());
        assertThat(health.at("/components/kafka/status").asText()).as(health.toString()).isEqualTo("UP");
    }

    private static String investment(String p, long amount) {
        return "{\"projectId\":\"" + p + "\",\"period\":\"2023-02\",\"amountYuan\":" + amount + "}";
    }
}
