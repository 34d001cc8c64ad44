package cn.shuangcheng.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI document partner systems generate consumers from, read from the jar's classpath as they would. */
class AsyncApiDocumentTest {

    private static final String DOCUMENT = "asyncapi/shuangcheng-events.yaml";
    private static final List<String> CLOUD_EVENT_HEADERS = List.of("ce_specversion", "ce_id", "ce_source", "ce_type",
            "ce_subject", "ce_time", "ce_dataschema", "content-type", "ce_sequence", "ce_principal",
            "ce_correlationid", "ce_traceparent");

    /** The messages of the intake and dead-letter topics: no CloudEvents. */
    private static final String DEAD_LETTER = "DeadLetter";
    private static final Set<String> NOT_EVENTS = Set.of("IntakeItem", "IntakeRejection", DEAD_LETTER);

    private static JsonNode asyncApi;
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream in = classpath().getResourceAsStream(DOCUMENT)) {
            assertThat(in).as(DOCUMENT + " on the classpath").isNotNull();
            asyncApi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void isAnAsyncApi3DocumentWithTheProjectTopicAsAKafkaChannel() {
        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");
        JsonNode channel = projectChannel();
        assertThat(channel.path("address").asText()).isEqualTo(Topics.PROJECT_EVENTS);
        assertThat(channel.at("/bindings/kafka/topic").asText()).isEqualTo(Topics.PROJECT_EVENTS);
        assertThat(asyncApi.at("/info/description").asText()).contains(Topics.CADRE_EVENTS);
    }

    @Test
    void everySchemaFileHasAMessageAndEveryMessagesPayloadIsASchemaFile() throws IOException {
        Set<String> referenced = new HashSet<>();
        List<String> unresolved = new ArrayList<>();
        var messages = asyncApi.at("/components/messages").fields();
        while (messages.hasNext()) {
            var message = messages.next();
            if (message.getKey().equals(DEAD_LETTER)) {
                continue; // the original record's value, whatever it was: no schema of its own
            }
            String ref = message.getValue().at("/payload/schema/$ref").asText();
            String resource = URI.create(DOCUMENT).resolve(ref).toString();
            try (InputStream in = classpath().getResourceAsStream(resource)) {
                if (ref.isEmpty() || in == null) {
                    unresolved.add(message.getKey() + " -> " + ref);
                    continue;
                }
                JsonNode schema = json.readTree(in);
                JsonNode dataSchema = message.getValue().at("/headers/allOf/1/properties/ce_dataschema/const");
                assertThat(schema.path("$id").asText()).as(message.getKey()).isEqualTo(dataSchema.isMissingNode()
                        ? EventTypes.dataSchema("intake", message.getKey(), 1) : dataSchema.asText());
            }
            referenced.add(resource);
            assertThat(message.getValue().at("/payload/schemaFormat").asText())
                    .isEqualTo("application/schema+json;version=draft-2020-12");
        }

        assertThat(unresolved).isEmpty();
        assertThat(referenced).containsExactlyInAnyOrderElementsOf(SchemaFiles.all());
    }

    @Test
    void everyEventMessageNamesItsCloudEventsTypeAndDataSchema() {
        var messages = asyncApi.at("/components/messages").fields();
        while (messages.hasNext()) {
            var message = messages.next();
            String name = message.getKey();
            if (NOT_EVENTS.contains(name)) {
                continue; // the intake and dead-letter topics: IntakeAndDeadLetterChannelsTest
            }
            // the payload's folder names the context: ../schemas/<context>/<EventName>.v1.json
            String context = message.getValue().at("/payload/schema/$ref").asText().split("/")[2];
            assertThat(context).as(name).isIn(EventTypes.PROJECT_CONTEXT, EventTypes.CADRE_CONTEXT);
            JsonNode own = message.getValue().at("/headers/allOf/1/properties");
            assertThat(message.getValue().at("/headers/allOf/0/$ref").asText())
                    .isEqualTo("#/components/schemas/CloudEventHeaders");
            assertThat(own.at("/ce_type/const").asText()).isEqualTo(EventTypes.type(context, name, 1));
            assertThat(own.at("/ce_dataschema/const").asText())
                    .isEqualTo(EventTypes.dataSchema(context, name, 1));
            assertThat(message.getValue().at("/bindings/kafka/key/$ref").asText())
                    .isEqualTo("#/components/schemas/AggregateKey");
            assertThat(message.getValue().path("contentType").asText()).isEqualTo("application/json");
        }
    }

    @Test
    void theHeadersAreTheCloudEventsBinaryModeAttributesOfTheConvention() {
        JsonNode headers = asyncApi.at("/components/schemas/CloudEventHeaders");
        List<String> declared = new ArrayList<>();
        headers.path("properties").fieldNames().forEachRemaining(declared::add);
        List<String> required = new ArrayList<>();
        headers.path("required").forEach(r -> required.add(r.asText()));

        assertThat(declared).containsExactlyInAnyOrderElementsOf(CLOUD_EVENT_HEADERS);
        assertThat(declared).containsAll(required);
        assertThat(required).contains("ce_id", "ce_type", "ce_subject", "ce_dataschema", "ce_sequence",
                "ce_principal", "ce_correlationid");
        assertThat(headers.at("/properties/ce_specversion/const").asText()).isEqualTo("1.0");
        assertThat(headers.at("/properties/content-type/const").asText()).isEqualTo("application/json");
        assertThat(asyncApi.at("/components/schemas/AggregateKey/type").asText()).isEqualTo("string");
        assertThat(asyncApi.at("/components/correlationIds/correlationId/location").asText())
                .isEqualTo("$message.header#/ce_correlationid");
    }

    @Test
    void everyInternalReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(asyncApi, refs);
        assertThat(refs).isNotEmpty();
        refs.stream().filter(r -> r.startsWith("#/")).forEach(ref ->
                assertThat(asyncApi.at(ref.substring(1).replace("~1", "/")).isMissingNode()).as(ref).isFalse());

        Set<String> components = new HashSet<>();
        asyncApi.at("/components/messages").fieldNames().forEachRemaining(components::add);
        Set<String> projectMessages = channelMessagesPublishedBy("projectEvents", "publishProjectEvents", 16);
        Set<String> cadreMessages = channelMessagesPublishedBy("cadreEvents", "publishCadreEvents", 9);
        Set<String> all = new HashSet<>(projectMessages);
        all.addAll(cadreMessages);
        all.addAll(channelMessagesPublishedBy("intakeSubmissions", "submitIntakeItems", 1));
        all.addAll(channelMessagesPublishedBy("intakeRejections", "publishIntakeRejections", 1));
        all.addAll(channelMessagesPublishedBy("reportingDeadLetters", "publishDeadLetters", 1));
        assertThat(all).isEqualTo(components).hasSize(projectMessages.size() + cadreMessages.size() + 3);
        assertThat(asyncApi.at("/channels/cadreEvents/address").asText()).isEqualTo(Topics.CADRE_EVENTS);
    }

    /** The messages of a channel, which must be exactly those its operation publishes, on that channel. */
    private static Set<String> channelMessagesPublishedBy(String channel, String operation, int expected) {
        Set<String> channelMessages = new HashSet<>();
        asyncApi.at("/channels/" + channel + "/messages").fieldNames().forEachRemaining(channelMessages::add);
        Set<String> published = new HashSet<>();
        asyncApi.at("/operations/" + operation + "/messages")
                .forEach(m -> published.add(m.path("$ref").asText().replaceFirst(".*/", "")));
        assertThat(channelMessages).as(channel).isEqualTo(published).hasSize(expected);
        assertThat(asyncApi.at("/operations/" + operation + "/channel/$ref").asText())
                .isEqualTo("#/channels/" + channel);
        return channelMessages;
    }

    private static JsonNode projectChannel() {
        return asyncApi.at("/channels/projectEvents");
    }

    private static void collectRefs(JsonNode node, List<String> into) {
        if (node.has("$ref")) {
            into.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, into));
    }

    private static ClassLoader classpath() {
        return AsyncApiDocumentTest.class.getClassLoader();
    }
}
