package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.reporting.ingestion.kafka.DeadLetters;
import cn.shuangcheng.servicesupport.testing.SharedKafka;

/**
 * A dead-letter topic bounds a record decompressed (max.decompressed.message.bytes, as every topic of ours is created).
 * A poison record that compresses well fits its max.message.bytes but inflates past that bound: the broker answers an
 * invalid record, not one too large. It is parked without its value all the same, instead of being retried for ever
 * in front of the events behind it.
 */
class DeadLetterInflatingTooLargeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ReportingRig rig;
    private static ContractEvents events;

    @BeforeAll
    static void start() {
        rig = new ReportingRig(Map.of(TopicConfig.MAX_DECOMPRESSED_MESSAGE_BYTES_CONFIG, "8192")).start();
        events = new ContractEvents();
    }

    @AfterAll
    static void stop() {
        events.close();
        rig.close();
    }

    @Test
    void aDeadLetterThatInflatesPastTheTopicsBoundIsParkedWithoutItsValue() {
        String p = UUID.randomUUID().toString();
        events.send(rig.projectTopic, "project", p, "ProjectTeleported",
                "{\"projectId\":\"" + p + "\",\"padding\":\"" + "0".repeat(30_000) + "\"}");
        events.send(rig.projectTopic, "project", p, "ProjectProposed", "{\"projectId\":\"" + p + "\",\"name\":\"后面\","
                + "\"sector\":\"ECOLOGY\",\"platform\":null,\"regions\":[\"510500\"],\"leadUnits\":[],"
                + "\"totalInvestmentYuan\":1000}");

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(rig.json("/api/v1/projects/" + p).path("name").asString()).isEqualTo("后面"));
        ConsumerRecord<String, byte[]> letter = await().atMost(WAIT).until(() -> SharedKafka.readRecords(
                        rig.deadLetterTopic, (int) SharedKafka.recordCount(rig.deadLetterTopic), WAIT).stream()
                .filter(record -> p.equals(record.key())).findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(letter.value()).isNull();
        assertThat(header(letter, DeadLetters.VALUE_OMITTED)).endsWith("bytes, too large for the dead-letter topic");
        assertThat(header(letter, DeadLetters.REASON)).startsWith("unknown event type");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
