package cn.shuangcheng.reporting.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.shuangcheng.contracts.EventTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer's own copies of the events against the published JSON Schemas: every field it reads is declared in
 * the schema with a compatible JSON type. Cadre schemas are checked as far as contracts publishes them; every
 * project schema must be there.
 */
class ConsumerEventCopiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyFieldReadIsDeclaredInThePublishedSchemaWithACompatibleType() throws Exception {
        List<String> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (EventCatalog.Entry entry : EventCatalog.all()) {
            String resource = EventTypes.schemaResource(entry.context(), entry.eventName(), 1);
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    assertThat(entry.context()).as("project schema %s must be published", resource).isEqualTo("cadre");
                    continue;
                }
                JsonNode schema = JSON.readTree(in);
                for (RecordComponent component : entry.payloadType().getRecordComponents()) {
                    JsonNode property = schema.path("properties").path(component.getName());
                    if (property.isMissingNode()) {
                        problems.add(entry.eventName() + "." + component.getName() + " is not in the schema");
                        continue;
                    }
                    String expected = jsonType(component.getType());
                    String declared = declaredTypes(schema, property);
                    if (!declared.contains(expected)) {
                        problems.add(entry.eventName() + "." + component.getName() + " reads " + expected
                                + " but the schema declares " + declared);
                    }
                }
                checked.add(entry.type());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).contains("shuangcheng.project.ProjectProposed.v1", "shuangcheng.project.AgendaItemDropped.v1");
        assertThat(checked.stream().filter(t -> t.startsWith("shuangcheng.project.")).count()).isEqualTo(16);
    }

    private static String jsonType(Class<?> type) {
        if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
            return "integer";
        }
        if (List.class.isAssignableFrom(type)) {
            return "array";
        }
        if (type == String.class || type == LocalDate.class || type == YearMonth.class) {
            return "string";
        }
        return "object";
    }

    /** The JSON types a property allows, following local $refs, anyOf and type arrays. */
    private static String declaredTypes(JsonNode schema, JsonNode property) {
        StringBuilder types = new StringBuilder();
        collect(schema, property, types, 0);
        return types.toString();
    }

    private static void collect(JsonNode schema, JsonNode node, StringBuilder types, int depth) {
        if (depth > 5) {
            return;
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asString().replace("#/", "");
            JsonNode target = schema;
            for (String step : ref.split("/")) {
                target = target.path(step);
            }
            collect(schema, target, types, depth + 1);
        }
        if (node.has("type")) {
            types.append(node.get("type").toString()).append(' ');
        }
        for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
            node.path(combinator).forEach(option -> collect(schema, option, types, depth + 1));
        }
    }
}
