package cn.shuangcheng.projects.intake;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Binds one received row to an {@link IntakeItem} with the same JSON rules as the REST API (integer yuan,
 * ISO dates, known enum values); a row that does not bind is rejected naming the field.
 */
final class IntakeRowBinder {

    private final JsonMapper json;

    IntakeRowBinder(JsonMapper json) {
        this.json = json;
    }

    /** The row's item, or the reason it has none. */
    record Bound(IntakeItem item, String externalRef, List<RowOutcome.FieldError> errors) {
    }

    Bound bind(String rowJson) {
        try {
            return new Bound(json.readValue(rowJson, IntakeItem.class), null, List.of());
        } catch (JacksonException e) {
            return new Bound(null, externalRefOf(rowJson), List.of(new RowOutcome.FieldError(fieldOf(e),
                    "cannot be read: " + e.getOriginalMessage())));
        }
    }

    private String externalRefOf(String rowJson) {
        try {
            return json.readTree(rowJson).path("externalRef").asString(null);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String fieldOf(JacksonException e) {
        if (!(e instanceof DatabindException databind) || databind.getPath().isEmpty()) {
            return "item";
        }
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : databind.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "item" : field.toString();
    }
}
