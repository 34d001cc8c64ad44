package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.projects.intake.api.IntakeItem;
import cn.shuangcheng.projects.intake.api.RowOutcome;
import cn.shuangcheng.projects.intake.api.IntakeBounds;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Binds one received row to an {@link IntakeItem} under intake's strict JSON rules ({@link IntakeJson}); a row
 * that does not bind is rejected naming the field, with Jackson's reason cut to a readable length.
 */
public final class IntakeRowBinder {

    private static final int MAX_REASON = 300;

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
        return message.length() <= MAX_REASON ? message : message.substring(0, MAX_REASON) + "...";
    }

    private String externalRefOf(String rowJson) {
        try {
            String ref = json.readTree(rowJson).path("externalRef").asString(null);
            return ref == null || ref.length() <= IntakeBounds.NAME ? ref : ref.substring(0, IntakeBounds.NAME);
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
