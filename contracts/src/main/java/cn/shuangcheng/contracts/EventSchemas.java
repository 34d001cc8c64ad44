package cn.shuangcheng.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON Schemas published in this jar ({@code schemas/<context>/<EventName>.v<version>.json}), looked up by
 * event type or by the CloudEvents {@code dataschema} URN. Producers check what they publish and consumers what
 * they read with the same schemas partner systems get. Schemas are loaded on first use and kept; thread-safe.
 */
public final class EventSchemas {

    private static final EventSchemas STANDARD = new EventSchemas(EventSchemas.class.getClassLoader());

    /** {@code urn:shuangcheng:schema:<context>:<EventName>:v<version>}, strict so a URN never names another path. */
    private static final Pattern DATA_SCHEMA =
            Pattern.compile("urn:shuangcheng:schema:([a-z][a-z0-9-]*):([A-Z][A-Za-z0-9]*):v([1-9][0-9]{0,3})");

    private final ClassLoader classLoader;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            // "format": "date" is only an annotation in draft 2020-12 unless asserted; assert it, so that
            // 2023-02-30 is refused here even though it matches the pattern.
            .formatAssertionsEnabled(true)
            // Messages go into logs, dead-letter reasons and problem details: keep them in one language.
            .locale(Locale.ENGLISH)
            // Messages name the field as "$.amountYuan", the form partner developers know from JSONPath.
            .pathType(PathType.JSON_PATH)
            .build();
    private final Map<String, Optional<EventSchema>> loaded = new ConcurrentHashMap<>();

    EventSchemas(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The schemas shipped with this version of the contract. */
    public static EventSchemas standard() {
        return STANDARD;
    }

    /** The schema of one event type, e.g. {@code ("project", "InvestmentRecorded", 1)}. */
    public Optional<EventSchema> find(String context, String eventName, int version) {
        String dataSchema = EventTypes.dataSchema(context, eventName, version);
        if (!DATA_SCHEMA.matcher(dataSchema).matches()) {
            return Optional.empty();
        }
        return loaded.computeIfAbsent(dataSchema, urn -> load(context, eventName, version));
    }

    /** The schema a CloudEvents {@code dataschema} names, e.g. {@code urn:shuangcheng:schema:project:InvestmentRecorded:v1}. */
    public Optional<EventSchema> find(String dataSchema) {
        Matcher urn = dataSchema == null ? null : DATA_SCHEMA.matcher(dataSchema);
        if (urn == null || !urn.matches()) {
            return Optional.empty();
        }
        return find(urn.group(1), urn.group(2), Integer.parseInt(urn.group(3)));
    }

    public EventSchema forEvent(String context, String eventName, int version) {
        return find(context, eventName, version).orElseThrow(() -> new IllegalArgumentException(
                "no published schema for " + EventTypes.type(context, eventName, version)));
    }

    public EventSchema forDataSchema(String dataSchema) {
        return find(dataSchema).orElseThrow(() -> new IllegalArgumentException(
                "no published schema " + dataSchema));
    }

    /** Checks a UTF-8 JSON payload against the schema its {@code dataschema} names; empty means it conforms. */
    public List<SchemaViolation> validate(String dataSchema, byte[] payload) {
        return forDataSchema(dataSchema).validate(payload);
    }

    /** Checks a JSON payload against the schema its {@code dataschema} names; empty means it conforms. */
    public List<SchemaViolation> validate(String dataSchema, String payload) {
        return forDataSchema(dataSchema).validate(payload);
    }

    private Optional<EventSchema> load(String context, String eventName, int version) {
        String resource = EventTypes.schemaResource(context, eventName, version);
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            JsonNode document = json.readTree(in);
            String id = document.path("$id").asText();
            String expected = EventTypes.dataSchema(context, eventName, version);
            if (!expected.equals(id)) {
                throw new IllegalStateException(resource + " has $id " + id + ", expected " + expected);
            }
            JsonSchema schema = factory.getSchema(document, config);
            schema.initializeValidators();
            return Optional.of(new EventSchema(context, eventName, version, schema, json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
