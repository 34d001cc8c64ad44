package cn.shuangcheng.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PromQL expression reads: its vector selectors (metric name and label matchers) and the label names its
 * grouping and matching clauses use ({@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left},
 * {@code group_right}). A small lexer, not a full parser: enough for the expressions of deploy/'s rules and
 * dashboards, and checked by {@code PromQlTest}. Grafana's variables are replaced first ({@link #fromGrafana}).
 */
final class PromQl {

    /** {@code name{label op "value", ...}}; name is null for a selector of matchers only. */
    record Selector(String name, Map<String, String> matchers) {
        /** The value a label is matched with, e.g. {@code application="x"} gives {@code ="x"}. */
        String matcher(String label) {
            return matchers.get(label);
        }
    }

    record Reads(List<Selector> selectors, Set<String> groupingLabels) {
        Set<String> metricNames() {
            Set<String> names = new LinkedHashSet<>();
            selectors.forEach(s -> {
                if (s.name() != null) {
                    names.add(s.name());
                }
            });
            return names;
        }
    }

    private static final Set<String> KEYWORDS = Set.of(
            "and", "or", "unless", "atan2", "by", "without", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "inf", "nan",
            // aggregation operators may be followed by their clause instead of a parenthesis: sum by (x) (...)
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of(
            "by", "without", "on", "ignoring", "group_left", "group_right");

    private PromQl() {
    }

    /**
     * Replaces Grafana's variables by values Prometheus accepts: interval variables ({@code $__rate_interval},
     * {@code $__interval}, {@code $__range}) by {@code 5m}, any other variable by {@code .*} (they stand in label
     * matchers, as in {@code application=~"$application"}).
     */
    static String fromGrafana(String expression) {
        String result = expression.replaceAll("\\$\\{?__(rate_interval|interval|range)(_ms|_s)?}?", "5m");
        return result.replaceAll("\\$\\{[A-Za-z0-9_]+(:[A-Za-z]+)?}|\\[\\[[A-Za-z0-9_]+]]|\\$[A-Za-z_][A-Za-z0-9_]*", ".*");
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

    /**
     * The PromQL inside a Grafana template variable query: {@code label_values(expr, label)} gives {@code expr},
     * {@code query_result(expr)} gives {@code expr}, {@code label_values(label)} and {@code metrics(...)} give null.
     */
    static String fromTemplateQuery(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.matches()) {
            String arguments = labelValues.group(1);
            int lastComma = arguments.lastIndexOf(',');
            return lastComma < 0 ? null : arguments.substring(0, lastComma).trim();
        }
        Matcher queryResult = QUERY_RESULT.matcher(query);
        if (queryResult.matches()) {
            return queryResult.group(1);
        }
        return null;
    }

    static Reads reads(String expression) {
        String q = expression;
        List<Selector> selectors = new ArrayList<>();
        Set<String> grouping = new LinkedHashSet<>();
        int i = 0;
        String pendingName = null;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                pendingName = flush(pendingName, selectors);
                i = skipString(q, i);
            } else if (c == '#') {
                pendingName = flush(pendingName, selectors);
                int end = q.indexOf('\n', i);
                i = end < 0 ? q.length() : end;
            } else if (c == '{') {
                int end = matching(q, i, '{', '}');
                Map<String, String> matchers = matchers(q.substring(i + 1, end));
                String name = pendingName;
                if (name == null && matchers.getOrDefault("__name__", "").startsWith("=")
                        && !matchers.get("__name__").startsWith("=~")) {
                    name = matchers.get("__name__").substring(1);
                }
                selectors.add(new Selector(name, matchers));
                pendingName = null;
                i = end + 1;
            } else if (c == '[') {
                pendingName = flush(pendingName, selectors);
                i = matching(q, i, '[', ']') + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < q.length() && Character.isDigit(q.charAt(i + 1)))) {
                pendingName = flush(pendingName, selectors);
                while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '.'
                        || ((q.charAt(i) == '+' || q.charAt(i) == '-') && (q.charAt(i - 1) == 'e' || q.charAt(i - 1) == 'E')))) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                pendingName = flush(pendingName, selectors);
                int start = i;
                while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_' || q.charAt(i) == ':')) {
                    i++;
                }
                String word = q.substring(start, i);
                int next = skipSpace(q, i);
                boolean call = next < q.length() && q.charAt(next) == '(';
                String lower = word.toLowerCase(java.util.Locale.ROOT);
                if (LABEL_LIST_KEYWORDS.contains(lower)) {
                    if (call) {
                        int end = matching(q, next, '(', ')');
                        for (String label : q.substring(next + 1, end).split(",")) {
                            if (!label.isBlank()) {
                                grouping.add(label.trim());
                            }
                        }
                        i = end + 1;
                    }
                } else if (call || KEYWORDS.contains(lower)) {
                    // a function, an aggregation or an operator keyword: not a metric
                } else {
                    pendingName = word;
                }
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                pendingName = flush(pendingName, selectors);
                i++;
            }
        }
        flush(pendingName, selectors);
        return new Reads(selectors, grouping);
    }

    private static String flush(String pendingName, List<Selector> selectors) {
        if (pendingName != null) {
            selectors.add(new Selector(pendingName, Map.of()));
        }
        return null;
    }

    private static final Pattern MATCHER = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`)\\s*,?");

    private static Map<String, String> matchers(String body) {
        Map<String, String> matchers = new LinkedHashMap<>();
        Matcher m = MATCHER.matcher(body);
        int position = 0;
        while (position < body.length() && m.find(position) && m.start() == position) {
            String value = m.group(3);
            matchers.put(m.group(1), m.group(2) + value.substring(1, value.length() - 1));
            position = m.end();
        }
        if (!body.substring(position).isBlank()) {
            throw new IllegalArgumentException("Cannot read the label matchers {" + body + "}");
        }
        return matchers;
    }

    private static int skipString(String q, int start) {
        char quote = q.charAt(start);
        int i = start + 1;
        while (i < q.length() && q.charAt(i) != quote) {
            i += (q.charAt(i) == '\\' && quote != '`') ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipSpace(String q, int i) {
        while (i < q.length() && Character.isWhitespace(q.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index of the bracket closing the one at {@code open}, skipping strings. */
    private static int matching(String q, int open, char opening, char closing) {
        int depth = 0;
        int i = open;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(q, i);
                continue;
            }
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("Unbalanced " + opening + " in: " + q);
    }
}
