package cn.shuangcheng.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka topics that are not event streams, as the AsyncAPI document describes them: intake submissions (one
 * intake item per record), intake rejections, and reporting-service's dead letters (the original record plus dlq.*
 * headers). project-service's IntakeItemsMatchTheContractTest checks that its intake parsing produces items of this
 * schema; reporting-service's DeadLetterHeadersMatchTheContractTest that DeadLetters sets exactly these headers.
 */
class IntakeAndDeadLetterChannelsTest {

    /** docs/events.md, "Dead letter": the headers reporting-service adds to the original record. */
    static final List<String> DEAD_LETTER_HEADERS = List.of("dlq.reason", "dlq.origin.topic", "dlq.origin.partition",
            "dlq.origin.offset", "dlq.consumer.group", "dlq.failed.at");

    private static final String MINIMAL = "{\"externalRef\":\"CY-2023-001\",\"name\":\"成渝中线高铁\","
            + "\"sector\":\"INFRASTRUCTURE\",\"regions\":[\"510100\"],\"totalInvestmentYuan\":69273000000";

    private static JsonNode asyncApi;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = IntakeAndDeadLetterChannelsTest.class.getClassLoader()
                .getResourceAsStream("asyncapi/shuangcheng-events.yaml")) {
            asyncApi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "intakeSubmissions,    shuangcheng.intake.submissions.v1,  IntakeItem",
            "intakeRejections,     shuangcheng.intake.rejections.v1,   IntakeRejection",
            "reportingDeadLetters, shuangcheng.reporting.dlq.v1,       DeadLetter"})
    void eachTopicIsAKafkaChannelWithItsMessage(String channel, String topic, String message) {
        assertThat(List.of(Topics.INTAKE_SUBMISSIONS, Topics.INTAKE_REJECTIONS, Topics.REPORTING_DEAD_LETTERS))
                .contains(topic);
        JsonNode node = asyncApi.at("/channels/" + channel);
        assertThat(node.path("address").asText()).isEqualTo(topic);
        assertThat(node.at("/bindings/kafka/topic").asText()).isEqualTo(topic);
        assertThat(node.at("/messages/" + message + "/$ref").asText()).isEqualTo("#/components/messages/" + message);
        assertThat(asyncApi.at("/components/messages/" + message + "/bindings/kafka/key").isObject())
                .as("the key is described").isTrue();
        assertThat(asyncApi.at("/components/messages/" + message + "/headers/allOf").isMissingNode())
                .as("not a CloudEvent").isTrue();
    }

    @Test
    void anIntakeItemIsKeyedByItsExternalRefAndNeedsNoHeader() {
        JsonNode item = asyncApi.at("/components/messages/IntakeItem");
        assertThat(item.at("/payload/schema/$ref").asText()).isEqualTo("../schemas/intake/IntakeItem.v1.json");
        assertThat(item.at("/bindings/kafka/key/$ref").asText()).isEqualTo("#/components/schemas/IntakeKey");
        assertThat(asyncApi.at("/components/schemas/IntakeKey/description").asText()).contains("externalRef");
        JsonNode headers = asyncApi.at("/components/schemas/IntakeSubmissionHeaders");
        assertThat(headers.path("required").isMissingNode()).as("no header is required").isTrue();
        assertThat(headers.path("description").asText()).contains("reads none").contains("principal");
        assertThat(asyncApi.at("/components/messages/IntakeRejection/payload/schema/$ref").asText())
                .isEqualTo("../schemas/intake/IntakeRejection.v1.json");
        // a rejection keeps the rejected record's key as it was: it need not be a valid externalRef
        assertThat(asyncApi.at("/components/messages/IntakeRejection/bindings/kafka/key/$ref").isMissingNode()).isTrue();
        assertThat(asyncApi.at("/components/messages/IntakeRejection/bindings/kafka/key/description").asText())
                .contains("copied unchanged").contains("No headers");
    }

    @Test
    void aDeadLetterIsTheOriginalRecordWithTheDlqHeaders() {
        JsonNode headers = asyncApi.at("/components/schemas/DeadLetterHeaders");
        List<String> required = new ArrayList<>();
        headers.path("required").forEach(r -> required.add(r.asText()));
        List<String> declared = new ArrayList<>();
        headers.path("properties").fieldNames().forEachRemaining(declared::add);

        assertThat(required).containsExactlyElementsOf(DEAD_LETTER_HEADERS);
        assertThat(declared).containsExactlyInAnyOrderElementsOf(concat(DEAD_LETTER_HEADERS, "dlq.value.omitted",
                "dlq.headers.omitted"));
        assertThat(asyncApi.at("/components/messages/DeadLetter/headers/$ref").asText())
                .isEqualTo("#/components/schemas/DeadLetterHeaders");
        assertThat(asyncApi.at("/components/messages/DeadLetter/payload/description").asText())
                .contains("original record's value");
    }

    @Test
    void theSchemasOwnExamplesConform() throws IOException {
        for (String name : List.of("IntakeItem", "IntakeRejection")) {
            EventSchema schema = EventSchemas.standard().forEvent("intake", name, 1);
            JsonNode document;
            try (InputStream in = getClass().getClassLoader()
                    .getResourceAsStream(EventTypes.schemaResource("intake", name, 1))) {
                document = json.readTree(in);
            }
            assertThat(document.path("examples")).as(name).isNotEmpty();
            for (JsonNode example : document.path("examples")) {
                assertThat(schema.validate(example.toString())).as(name + " " + example).isEmpty();
            }
        }
    }

    @Test
    void aMinimalItemConformsAndUnknownFieldsAreTolerated() {
        assertThat(item(MINIMAL + "}")).isEmpty();
        assertThat(item(MINIMAL + ",\"errors\":\"from a resent CSV\",\"openingInvestedYuan\":0}")).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            ",\"totalInvestmentYuan\":100000000000001        | totalInvestmentYuan",
            ",\"regions\":[]                                 | regions",
            ",\"regions\":[\"999999\"]                       | regions[0]",
            ",\"investments\":[{\"period\":\"2023-13\",\"amountYuan\":1}] | investments[0].period",
            ",\"investments\":[{\"period\":\"2023-01\",\"amountYuan\":0}] | investments[0].amountYuan",
            ",\"startedOn\":\"2023-02-30\"                   | startedOn",
            ",\"sector\":\"TOURISM\"                         | sector",
            ",\"listYear\":\"2023\"                          | listYear"})
    void anItemOutOfBoundsFailsNamingTheField(String override, String field) {
        // a later duplicate key wins in the validator's tree: the override replaces the minimal item's value
        assertThat(item(MINIMAL + override + "}")).extracting(SchemaViolation::field).contains(field);
    }

    private static List<SchemaViolation> item(String json) {
        return EventSchemas.standard().forEvent("intake", "IntakeItem", 1).validate(json);
    }

    private static List<String> concat(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }
}
