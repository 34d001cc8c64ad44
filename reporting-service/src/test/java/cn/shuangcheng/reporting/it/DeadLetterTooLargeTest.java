package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.reporting.ingestion.kafka.DeadLetters;
import cn.shuangcheng.servicesupport.testing.SharedKafka;

/**
 * A poison record that the dead-letter topic will not take, even compressed (its max.message.bytes is smaller than
 * the record here): it is parked without its value, the header saying so and its origin saying where to find it,
 * instead of being retried for ever in front of the events behind it.
 */
class DeadLetterTooLargeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ReportingRig rig;
    private static ContractEvents events;

    @BeforeAll
    static void start() {
        rig = new ReportingRig(Map.of("max.message.bytes", "4096")).start();
        events = new ContractEvents();
    }

    @AfterAll
    static void stop() {
        events.close();
        rig.close();
    }

    @Test
    void aDeadLetterTooLargeForTheTopicIsParkedWithoutItsValue() {
        String p = UUID.randomUUID().toString();
        byte[] noise = new byte[30_000];
        new Random(11).nextBytes(noise); // does not compress below the topic's limit
        events.send(rig.projectTopic, "project", p, "ProjectTeleported",
                "{\"projectId\":\"" + p + "\",\"noise\":\"" + Base64.getEncoder().encodeToString(noise) + "\"}");
        events.send(rig.projectTopic, "project", p, "ProjectProposed", "{\"projectId\":\"" + p + "\",\"name\":\"后面\","
                + "\"sector\":\"ECOLOGY\",\"platform\":null,\"regions\":[\"510500\"],\"leadUnits\":[],"
                + "\"totalInvestmentYuan\":1000}");

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(rig.json("/api/v1/projects/" + p).path("name").asString()).isEqualTo("后面"));
        List<ConsumerRecord<String, byte[]>> letters = SharedKafka.readRecords(rig.deadLetterTopic, 1, WAIT);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isEqualTo(p);
            assertThat(letter.value()).isNull();
            assertThat(header(letter, DeadLetters.VALUE_OMITTED)).endsWith("bytes, too large for the dead-letter topic");
            assertThat(header(letter, DeadLetters.REASON)).startsWith("unknown event type");
            assertThat(header(letter, DeadLetters.ORIGIN_TOPIC)).isEqualTo(rig.projectTopic);
        });
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
