package cn.shuangcheng.servicesupport.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;

class CloudEventMapperTest {

    private final CloudEventMapper mapper = new CloudEventMapper("project-service", "project");

    @Test
    void mapsEveryAttributeOfTheContract() {
        Instant timestamp = Instant.parse("2023-02-10T08:15:30.123Z");
        CloudEvent event = mapper.toCloudEvent(TestEvents.domainEvent("P-1", 7,
                new TestEvents.InvestmentRecorded("P-1", YearMonth.of(2023, 1), 9_000_000_000L),
                Map.of("principal", "alice", "correlationId", "c-42",
                        "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                "evt-1", timestamp));

        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getId()).isEqualTo("evt-1");
        assertThat(event.getSource()).isEqualTo(URI.create("urn:shuangcheng:project-service"));
        assertThat(event.getType()).isEqualTo("shuangcheng.project.InvestmentRecorded.v1");
        assertThat(event.getSubject()).isEqualTo("P-1");
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.ofInstant(timestamp, ZoneOffset.UTC));
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getDataSchema())
                .isEqualTo(URI.create("urn:shuangcheng:schema:project:InvestmentRecorded:v1"));
        assertThat(event.getExtension("sequence")).isEqualTo(7L);
        assertThat(event.getExtension("principal")).isEqualTo("alice");
        assertThat(event.getExtension("correlationid")).isEqualTo("c-42");
        assertThat(event.getExtension("traceparent"))
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(event.getExtensionNames())
                .containsExactlyInAnyOrder("sequence", "principal", "correlationid", "traceparent");
    }

    @Test
    void writesThePayloadRecordAsJsonWithIsoDatesAndIntegerAmounts() {
        CloudEvent investment = mapper.toCloudEvent(TestEvents.domainEvent("P-1", 0,
                new TestEvents.InvestmentRecorded("P-1", YearMonth.of(2023, 1), 9_007_199_254_740_993L), Map.of()));
        CloudEvent started = mapper.toCloudEvent(TestEvents.domainEvent("P-1", 1,
                new TestEvents.ProjectStarted("P-1", LocalDate.of(2023, 2, 10)), Map.of()));

        // 2^53 + 1 would lose its last digit as a floating-point number.
        assertThat(new String(investment.getData().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"projectId\":\"P-1\",\"period\":\"2023-01\",\"amountYuan\":9007199254740993}");
        assertThat(new String(started.getData().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"projectId\":\"P-1\",\"startedOn\":\"2023-02-10\"}");
        assertThat(started.getType()).isEqualTo("shuangcheng.project.ProjectStarted.v1");
    }

    @Test
    void leavesOutExtensionsWhoseMetadataIsAbsent() {
        CloudEvent event = mapper.toCloudEvent(TestEvents.domainEvent("A-9", 3,
                new TestEvents.ProjectStarted("A-9", LocalDate.of(2024, 5, 1)), Map.of("principal", "bob")));

        assertThat(event.getExtensionNames()).containsExactlyInAnyOrder("sequence", "principal");
        assertThat(event.getExtension("correlationid")).isNull();
        assertThat(event.getExtension("traceparent")).isNull();
    }

    @Test
    void usesTheConfiguredContextInTypeAndSchema() {
        CloudEvent event = new CloudEventMapper("cadre-service", "cadre").toCloudEvent(TestEvents.domainEvent(
                "S-1", 0, new TestEvents.ProjectStarted("S-1", LocalDate.of(2024, 1, 2)), Map.of()));

        assertThat(event.getSource()).isEqualTo(URI.create("urn:shuangcheng:cadre-service"));
        assertThat(event.getType()).isEqualTo("shuangcheng.cadre.ProjectStarted.v1");
        assertThat(event.getDataSchema()).isEqualTo(URI.create("urn:shuangcheng:schema:cadre:ProjectStarted:v1"));
    }
}
