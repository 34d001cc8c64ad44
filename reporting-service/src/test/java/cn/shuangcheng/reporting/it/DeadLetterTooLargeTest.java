package cn.shuangcheng.reporting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.reporting.ingestion.kafka.DeadLetters;
import cn.shuangcheng.servicesupport.testing.SharedKafka;

/**
 * A poison record that the dead-letter topic will not take, even compressed (its max.message.bytes is smaller than
 * the record here): it is parked without its value, the header saying so and its origin saying where to find it,
 * instead of being retried for ever in front of the events behind it. One whose key and headers alone are too large
 * is parked with its origin alone. So is one that compresses well but inflates past the topic's bound on a record
 * decompressed (max.decompressed.message.bytes, as every topic of ours is created), which the broker answers as an
 * invalid record, not one too large.
 */
class DeadLetterTooLargeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ReportingRig rig;
    private static ContractEvents events;

    @BeforeAll
    static void start() {
        rig = new ReportingRig(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "4096",
                TopicConfig.MAX_DECOMPRESSED_MESSAGE_BYTES_CONFIG, "8192")).start();
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
        assertThat(letterKeyed(p)).satisfies(letter -> {
            assertThat(letter.value()).isNull();
            assertThat(header(letter, DeadLetters.VALUE_OMITTED)).endsWith("bytes, too large for the dead-letter topic");
            assertThat(header(letter, DeadLetters.HEADERS_OMITTED)).isNull();
            assertThat(header(letter, "ce_subject")).isEqualTo(p);
            assertThat(header(letter, DeadLetters.REASON)).startsWith("unknown event type");
            assertThat(header(letter, DeadLetters.ORIGIN_TOPIC)).isEqualTo(rig.projectTopic);
        });
    }

    @Test
    void aDeadLetterThatInflatesPastTheTopicsBoundIsParkedWithoutItsValue() {
        String p = UUID.randomUUID().toString();
        events.send(rig.projectTopic, "project", p, "ProjectTeleported",
                "{\"projectId\":\"" + p + "\",\"padding\":\"" + "0".repeat(30_000) + "\"}");
        events.send(rig.projectTopic, "project", p, "ProjectProposed", "{\"projectId\":\"" + p + "\",\"name\":\"随后\","
                + "\"sector\":\"ECOLOGY\",\"platform\":null,\"regions\":[\"510500\"],\"leadUnits\":[],"
                + "\"totalInvestmentYuan\":1000}");

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(rig.json("/api/v1/projects/" + p).path("name").asString()).isEqualTo("随后"));
        assertThat(letterKeyed(p)).satisfies(letter -> {
            assertThat(letter.value()).isNull();
            assertThat(header(letter, DeadLetters.VALUE_OMITTED)).endsWith("bytes, too large for the dead-letter topic");
            assertThat(header(letter, DeadLetters.REASON)).startsWith("unknown event type");
        });
    }

    @Test
    void aDeadLetterWhoseKeyAndHeadersAloneAreTooLargeIsParkedWithItsOriginAlone() {
        String key = "KEY-" + randomText(12_000);
        String p = idOnThePartitionOf(key);
        RecordHeaders headers = new RecordHeaders();
        ContractEvents.header(headers, "ce_type", "shuangcheng.project.ProjectTeleported.v1");
        ContractEvents.header(headers, "x-noise", randomText(12_000));
        events.sendRaw(rig.projectTopic, key, "{}".getBytes(StandardCharsets.UTF_8), headers);
        events.send(rig.projectTopic, "project", p, "ProjectProposed", "{\"projectId\":\"" + p + "\",\"name\":\"其后\","
                + "\"sector\":\"ECOLOGY\",\"platform\":null,\"regions\":[\"510500\"],\"leadUnits\":[],"
                + "\"totalInvestmentYuan\":1000}");

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(rig.json("/api/v1/projects/" + p).path("name").asString()).isEqualTo("其后"));
        assertThat(letterKeyed(key.substring(0, 200))).satisfies(letter -> {
            assertThat(letter.value()).isNull();
            assertThat(header(letter, DeadLetters.HEADERS_OMITTED))
                    .isEqualTo("2 headers, " + key.length() + " key characters: too large for the dead-letter topic");
            assertThat(header(letter, DeadLetters.VALUE_OMITTED)).isEqualTo("2 bytes, too large for the dead-letter topic");
            assertThat(header(letter, "x-noise")).isNull();
            assertThat(header(letter, DeadLetters.REASON)).startsWith("not a CloudEvent");
            assertThat(header(letter, DeadLetters.ORIGIN_TOPIC)).isEqualTo(rig.projectTopic);
            assertThat(header(letter, DeadLetters.ORIGIN_PARTITION)).isEqualTo(Integer.toString(partitionOf(key)));
        });
    }

    /** The dead letter with this key, among those both tests park (in either order). */
    private static ConsumerRecord<String, byte[]> letterKeyed(String key) {
        return await().atMost(WAIT).until(() -> SharedKafka.readRecords(rig.deadLetterTopic,
                        (int) SharedKafka.recordCount(rig.deadLetterTopic), WAIT).stream()
                .filter(letter -> key.equals(letter.key())).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    /** A project id whose events share the partition of {@code key}: the event behind the poison record. */
    private static String idOnThePartitionOf(String key) {
        String id;
        do {
            id = UUID.randomUUID().toString();
        } while (partitionOf(id) != partitionOf(key));
        return id;
    }

    /** The producer's default partitioner for a keyed record: murmur2 of the key's bytes (the rig's 3 partitions). */
    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
    }

    private static String randomText(int bytes) {
        byte[] noise = new byte[bytes];
        new Random(bytes).nextBytes(noise);
        return Base64.getEncoder().encodeToString(noise);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
