package cn.shuangcheng.projects.intake;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a submitted batch into one JSON object per row, as received. Type checks happen later, row by row,
 * when each row is bound to an {@link IntakeItem}: a row with a bad number is rejected on its own, it does
 * not make the whole batch a 400.
 * <p>
 * CSV (API.md): one row per item with a header line naming the item's fields; lists separated by {@code ;};
 * {@code investments} as {@code 2023-01:123000;2023-02:456000}; {@code milestones} as
 * {@code 2023-06-01:全线首座隧道贯通;2023-09-30:…} (date, then name). Empty cells are absent fields.
 */
final class IntakeSubmission {

    private static final Set<String> LIST_FIELDS = Set.of("regions", "leadUnits");

    private IntakeSubmission() {
    }

    /** {@code {"items": [...]}} → one JSON text per item. */
    static List<String> fromJson(JsonMapper json, byte[] body) {
        JsonNode root = json.readTree(body);
        JsonNode items = root == null ? null : root.get("items");
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException("the body must be {\"items\": [...]}");
        }
        List<String> rows = new ArrayList<>();
        items.forEach(item -> rows.add(json.writeValueAsString(item)));
        return rows;
    }

    static List<String> fromCsv(JsonMapper json, String body) {
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<String> rows = new ArrayList<>();
        try (var lines = csv.readerFor(Map.class).with(schema).<Map<String, String>>readValues(body)) {
            while (lines.hasNext()) {
                rows.add(json.writeValueAsString(toItem(json, lines.next())));
            }
        }
        return rows;
    }

    private static ObjectNode toItem(JsonMapper json, Map<String, String> cells) {
        ObjectNode item = json.createObjectNode();
        cells.forEach((field, raw) -> {
            String value = raw == null ? "" : raw.strip();
            if (value.isEmpty()) {
                return;
            }
            if (LIST_FIELDS.contains(field)) {
                ArrayNode list = item.putArray(field);
                split(value).forEach(list::add);
            } else if (field.equals("investments")) {
                ArrayNode months = item.putArray(field);
                split(value).forEach(pair -> {
                    String[] p = pair.split(":", 2);
                    months.addObject().put("period", p[0].strip()).put("amountYuan", p.length > 1 ? p[1].strip() : "");
                });
            } else if (field.equals("milestones")) {
                ArrayNode milestones = item.putArray(field);
                split(value).forEach(pair -> {
                    String[] p = pair.split(":", 2);
                    milestones.addObject().put("reachedOn", p[0].strip()).put("name", p.length > 1 ? p[1].strip() : "");
                });
            } else {
                item.put(field, value);
            }
        });
        return item;
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(";")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }
}
