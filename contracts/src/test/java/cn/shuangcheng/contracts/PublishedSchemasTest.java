package cn.shuangcheng.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema documents themselves: what partner systems download must be consistent and open to additions. */
class PublishedSchemasTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everySchemaFileIsADraft202012SchemaWhoseIdIsItsDataSchemaUrn() throws IOException {
        List<String> files = SchemaFiles.all();
        assertThat(files).isNotEmpty();
        for (String file : files) {
            assertThat(file).matches("schemas/[a-z]+/[A-Z][A-Za-z0-9]*\\.v[1-9][0-9]*\\.json");
            String[] parts = file.split("/");
            String eventName = parts[2].substring(0, parts[2].indexOf(".v"));
            int version = Integer.parseInt(parts[2].substring(parts[2].indexOf(".v") + 2, parts[2].length() - 5));
            JsonNode schema = read(file);

            assertThat(schema.path("$schema").asText()).as(file).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).as(file).isEqualTo(EventTypes.dataSchema(parts[1], eventName, version));
            assertThat(EventTypes.schemaResource(parts[1], eventName, version)).isEqualTo(file);
            assertThat(schema.path("type").asText()).as(file).isEqualTo("object");
        }
    }

    @Test
    void schemasStayOpenToAddedFieldsAndSaySo() throws IOException {
        for (String file : SchemaFiles.all()) {
            JsonNode schema = read(file);
            assertThat(schema.has("additionalProperties")).as(file).isFalse();
            assertThat(schema.has("unevaluatedProperties")).as(file).isFalse();
            assertThat(schema.path("description").asText()).as(file).contains("additional properties are allowed");
        }
    }

    @Test
    void everyPropertyIsDescribedAndEveryRequiredOneDeclared() throws IOException {
        for (String file : SchemaFiles.all()) {
            JsonNode schema = read(file);
            JsonNode properties = schema.path("properties");
            assertThat(properties.size()).as(file).isPositive();
            properties.fields().forEachRemaining(p -> {
                JsonNode property = p.getValue();
                String ref = property.path("$ref").asText();
                boolean described = property.hasNonNull("description")
                        || !ref.isEmpty() && schema.at(ref.substring(1)).hasNonNull("description");
                assertThat(described).as(file + " " + p.getKey()).isTrue();
            });
            schema.path("required").forEach(r -> assertThat(properties.has(r.asText())).as(file + " " + r).isTrue());
        }
    }

    @Test
    void sharedDefinitionsReadTheSameInEveryFile() throws IOException {
        Map<String, JsonNode> seen = new HashMap<>();
        for (String file : SchemaFiles.all()) {
            read(file).path("$defs").fields().forEachRemaining(d -> {
                JsonNode first = seen.putIfAbsent(d.getKey(), d.getValue());
                assertThat(first == null || first.equals(d.getValue())).as(file + " $defs/" + d.getKey()).isTrue();
            });
        }
        assertThat(seen).containsKeys("projectId", "date", "yearMonth", "regionCode", "positiveYuan");
    }

    /**
     * The demo dataset is what the local stack loads: every event its projects and agenda items turn into must
     * pass, or the schemas are stricter than the data partner systems actually send.
     */
    @Test
    void eventsBuiltFromTheDemoDatasetPass() throws IOException {
        Path dataset = DemoDataset.path();
        assertThat(dataset).as("the demo dataset").isRegularFile();
        JsonNode root = json.readTree(dataset.toFile());
        EventSchemas schemas = EventSchemas.standard();
        List<String> failures = new ArrayList<>();
        int checked = 0;

        for (JsonNode p : root.path("projects")) {
            String id = "p-" + p.path("externalRef").asText();
            ObjectNode proposed = json.createObjectNode().put("projectId", id);
            for (String f : List.of("externalRef", "name", "sector", "platform", "regions", "leadUnits",
                    "totalInvestmentYuan", "openingInvestedYuan", "openingAsOf")) {
                proposed.set(f, p.get(f));
            }
            proposed.putNull("description");
            // Two demo projects give leadUnits per side ({"sichuan": [...], "chongqing": [...]}); the event
            // (and the REST contract) has one list of names, so a loader flattens them.
            if (p.path("leadUnits").isObject()) {
                ArrayNode units = proposed.putArray("leadUnits");
                p.path("leadUnits").forEach(side -> side.forEach(units::add));
            }
            checked += check(schemas, "ProjectProposed", proposed, failures);
            for (JsonNode year : p.path("listYears")) {
                checked += check(schemas, "ProjectListed",
                        json.createObjectNode().put("projectId", id).set("listYear", year), failures);
            }
            var plans = p.path("annualPlansYuan").fields();
            while (plans.hasNext()) {
                var plan = plans.next();
                checked += check(schemas, "AnnualPlanSet", json.createObjectNode().put("projectId", id)
                        .put("year", Integer.parseInt(plan.getKey())).set("amountYuan", plan.getValue()), failures);
            }
            if (p.hasNonNull("startedOn")) {
                checked += check(schemas, "ProjectStarted",
                        json.createObjectNode().put("projectId", id).set("startedOn", p.get("startedOn")), failures);
            }
            if (p.hasNonNull("completedOn")) {
                checked += check(schemas, "ProjectCompleted",
                        json.createObjectNode().put("projectId", id).set("completedOn", p.get("completedOn")), failures);
            }
            for (JsonNode m : p.path("milestones")) {
                ObjectNode milestone = json.createObjectNode().put("projectId", id);
                milestone.set("name", m.get("name"));
                milestone.set("reachedOn", m.get("on"));
                checked += check(schemas, "MilestoneReached", milestone, failures);
            }
            for (JsonNode i : p.path("investments")) {
                ObjectNode investment = json.createObjectNode().put("projectId", id);
                investment.set("period", i.get("period"));
                investment.set("amountYuan", i.get("amountYuan"));
                checked += check(schemas, "InvestmentRecorded", investment, failures);
            }
        }
        for (JsonNode a : root.path("agendaItems")) {
            String id = "a-" + a.path("ref").asText();
            ObjectNode created = json.createObjectNode().put("agendaItemId", id);
            created.set("list", a.get("list"));
            created.set("title", a.get("title"));
            created.putNull("source");
            created.set("ownerUnits", a.get("ownerUnits"));
            created.set("dueOn", a.get("dueOn"));
            ArrayNode projectIds = created.putArray("projectIds");
            a.path("projectRefs").forEach(r -> projectIds.add("p-" + r.asText()));
            checked += check(schemas, "AgendaItemCreated", created, failures);
            for (JsonNode step : a.path("log")) {
                ObjectNode progressed = json.createObjectNode().put("agendaItemId", id);
                progressed.set("note", step.get("note"));
                checked += check(schemas, "AgendaItemProgressed", progressed, failures);
            }
        }

        assertThat(checked).isGreaterThan(300);
        assertThat(failures).isEmpty();
    }

    private int check(EventSchemas schemas, String eventName, JsonNode payload, List<String> failures) {
        List<SchemaViolation> violations = schemas.forEvent(EventTypes.PROJECT_CONTEXT, eventName, 1)
                .validate(payload.toString());
        if (!violations.isEmpty()) {
            failures.add(eventName + " " + payload + " " + violations);
        }
        return 1;
    }

    private JsonNode read(String file) throws IOException {
        return json.readTree(SchemaFiles.RESOURCES.resolve(file).toFile());
    }
}
