package cn.shuangcheng.projects.intake.web;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One CSV row's cells as the item's JSON, by the header's field names (docs/api-guide.md, "Over REST"): lists
 * separated by {@code ;}; {@code investments} as {@code 2023-01:123000;2023-02:456000}; {@code milestones} as
 * {@code 2023-06-01:全线首座隧道贯通;2023-09-30:…} (date, then name). Empty cells are absent fields. Amount and year
 * cells that are plain integers become JSON numbers; anything else stays text and is refused when bound, naming
 * the field.
 */
final class CsvItemCells {

    private static final Set<String> LIST_FIELDS = Set.of("regions", "leadUnits");
    private static final Set<String> NUMBER_FIELDS = Set.of("totalInvestmentYuan", "listYear", "annualPlanYuan",
            "openingInvestedYuan");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private CsvItemCells() {
    }

    static ObjectNode toItem(List<String> header, String[] cells) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < Math.min(header.size(), cells.length); i++) {
            String field = header.get(i);
            String value = cells[i] == null ? "" : cells[i].strip();
            if (field.isEmpty() || value.isEmpty()) {
                continue;
            }
            if (LIST_FIELDS.contains(field)) {
                ArrayNode list = item.putArray(field);
                split(value).forEach(list::add);
            } else if (field.equals("investments")) {
                ArrayNode months = item.putArray(field);
                split(value).forEach(pair -> {
                    String[] p = pair.split(":", 2);
                    ObjectNode month = months.addObject().put("period", p[0].strip());
                    putNumber(month, "amountYuan", p.length > 1 ? p[1].strip() : "");
                });
            } else if (field.equals("milestones")) {
                ArrayNode milestones = item.putArray(field);
                split(value).forEach(pair -> {
                    String[] p = pair.split(":", 2);
                    milestones.addObject().put("reachedOn", p[0].strip()).put("name", p.length > 1 ? p[1].strip() : "");
                });
            } else if (NUMBER_FIELDS.contains(field)) {
                putNumber(item, field, value);
            } else {
                item.put(field, value);
            }
        }
        return item;
    }

    /** A plain integer cell as a number; anything else as the text it is, which binding refuses for the field. */
    private static void putNumber(ObjectNode node, String field, String value) {
        if (INTEGER.matcher(value).matches()) {
            node.put(field, Long.parseLong(value));
        } else {
            node.put(field, value);
        }
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
