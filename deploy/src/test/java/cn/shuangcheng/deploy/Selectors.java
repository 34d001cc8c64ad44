package cn.shuangcheng.deploy;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Kubernetes label selectors (matchLabels and matchExpressions) as the API server evaluates them. */
final class Selectors {

    private Selectors() {
    }

    /** Whether the selector selects these labels; an empty selector selects every pod. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        Iterator<Map.Entry<String, JsonNode>> matchLabels = selector.path("matchLabels").fields();
        while (matchLabels.hasNext()) {
            Map.Entry<String, JsonNode> entry = matchLabels.next();
            if (!entry.getValue().equals(labels.path(entry.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            JsonNode value = labels.path(expression.path("key").asText());
            boolean in = false;
            for (JsonNode candidate : expression.path("values")) {
                in |= candidate.equals(value);
            }
            boolean holds = switch (expression.path("operator").asText()) {
                case "In" -> in;
                case "NotIn" -> !in;
                case "Exists" -> !value.isMissingNode();
                case "DoesNotExist" -> value.isMissingNode();
                default -> throw new AssertionError("unknown selector operator in " + expression);
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }
}
