package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.kernel.Bounds;
import cn.shuangcheng.projects.intake.api.IntakeItem;
import cn.shuangcheng.projects.intake.api.RowOutcome;
import cn.shuangcheng.support.json.JsonPaths;
import cn.shuangcheng.support.web.bounds.WellFormedText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Binds one received row to an {@link IntakeItem} under intake's strict JSON rules ({@link IntakeJson}); a row
 * that does not bind is rejected naming the field, with Jackson's reason cut to a readable length.
 */
public final class IntakeRowBinder {

    private static final int MAX_REASON = 300;

    /** The parser's limits without the row's count of values: only read up to the reference. */
    private static final JsonFactory REFERENCES = JsonFactory.builder().streamReadConstraints(IntakeJson.LIMITS).build();

    private final JsonMapper json = IntakeJson.rowMapper();

    /** The row's item, or the reason it has none. */
    public record Bound(IntakeItem item, String externalRef, List<RowOutcome.FieldError> errors) {

        public static Bound refused(String externalRef, String field, String message) {
            return new Bound(null, externalRef, List.of(new RowOutcome.FieldError(field, message)));
        }
    }

    public Bound bind(String rowJson) {
        if (rowJson == null) {
            return Bound.refused(null, "item", "is missing");
        }
        try {
            return new Bound(json.readValue(rowJson, IntakeItem.class), null, List.of());
        } catch (JacksonException e) {
            return Bound.refused(externalRefOf(rowJson), fieldOf(e), "cannot be read: " + reason(e));
        }
    }

    private static String reason(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        // Jackson quotes the value it could not read, which may hold half of a surrogate pair
        return WellFormedText.repaired(message.length() <= MAX_REASON ? message
                : message.substring(0, MAX_REASON) + "...");
    }

    /**
     * A reference a rejection can carry: an unread row's externalRef, or a record's key, cut to the longest name
     * (whoever wrote it chose its length, and a rejection twice the size of a 600 kB key is more than Kafka takes).
     */
    public static String reference(String externalRef) {
        if (externalRef == null) {
            return null;
        }
        // never half of a character cut off; and read by a parser, not through the binder's check: half of a
        // surrogate pair would be stored as U+FFFD and sent to Kafka as "?"; so it is U+FFFD in both
        return WellFormedText.repaired(externalRef.substring(0, WellFormedText.cutAt(externalRef, Bounds.MAX_NAME)));
    }

    /**
     * The row's top-level externalRef, read token by token up to it: a row refused for its size (more values than the
     * binder takes), for a duplicate key or for a fault after the reference still names it in its rejection.
     */
    private static String externalRefOf(String rowJson) {
        try (JsonParser parser = REFERENCES.createParser(ObjectReadContext.empty(), rowJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("externalRef".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? reference(parser.getString()) : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String fieldOf(JacksonException e) {
        String path = JsonPaths.of(e);
        return path.isEmpty() ? "item" : path;
    }
}
