package cn.shuangcheng.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The published JSON Schema of one event type and version, ready to check payloads against. Thread-safe.
 * Obtain one from {@link EventSchemas}.
 */
public final class EventSchema {

    private static final Comparator<SchemaViolation> BY_FIELD =
            Comparator.comparing(SchemaViolation::field).thenComparing(SchemaViolation::message);

    private final String context;
    private final String eventName;
    private final int version;
    private final JsonSchema schema;
    private final ObjectMapper json;

    EventSchema(String context, String eventName, int version, JsonSchema schema, ObjectMapper json) {
        this.context = context;
        this.eventName = eventName;
        this.version = version;
        this.schema = schema;
        this.json = json;
    }

    /** The CloudEvents {@code type} of events this schema describes. */
    public String type() {
        return EventTypes.type(context, eventName, version);
    }

    /** The CloudEvents {@code dataschema}: the schema's {@code $id}. */
    public String dataSchema() {
        return EventTypes.dataSchema(context, eventName, version);
    }

    /** Checks a UTF-8 JSON document; an empty list means it conforms. */
    public List<SchemaViolation> validate(byte[] document) {
        return validate(new String(document, StandardCharsets.UTF_8));
    }

    /** Checks a JSON document; an empty list means it conforms. */
    public List<SchemaViolation> validate(String document) {
        JsonNode node;
        try {
            node = json.readTree(document);
        } catch (JsonProcessingException e) {
            return List.of(new SchemaViolation("", "not a JSON document: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return List.of(new SchemaViolation("", "unreadable document: " + e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            return List.of(new SchemaViolation("", "empty document"));
        }
        return schema.validate(node).stream().map(EventSchema::toViolation).sorted(BY_FIELD).toList();
    }

    private static SchemaViolation toViolation(ValidationMessage message) {
        StringBuilder field = new StringBuilder();
        JsonNodePath location = message.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            appendStep(field, location.getElement(i));
        }
        // "required" (also inside if/then) reports the object that lacks the property; name the property itself.
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            appendStep(field, message.getProperty());
        }
        return new SchemaViolation(field.toString(), message.getMessage());
    }

    private static void appendStep(StringBuilder field, Object step) {
        if (step instanceof Integer index) {
            field.append('[').append(index).append(']');
        } else {
            field.append(field.isEmpty() ? "" : ".").append(step);
        }
    }

    @Override
    public String toString() {
        return dataSchema();
    }
}
