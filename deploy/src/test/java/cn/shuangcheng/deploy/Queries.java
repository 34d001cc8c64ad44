package cn.shuangcheng.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Every PromQL expression deploy/ runs: alert rules, dashboard panels, template variables and annotations. */
final class Queries {

    /** One expression and where it is written; {@code promql} has Grafana's variables replaced. */
    record Query(String source, String promql) {
        PromQl.Reads reads() {
            try {
                return PromQl.reads(promql);
            } catch (IllegalArgumentException e) {
                throw new AssertionError(source + ": " + e.getMessage(), e);
            }
        }
    }

    private Queries() {
    }

    static List<Path> ruleFiles() {
        return DeployFiles.list(DeployFiles.deploy("prometheus/rules"), ".yml");
    }

    static List<Path> dashboardFiles() {
        return DeployFiles.list(DeployFiles.deploy("grafana/dashboards"), ".json");
    }

    static List<Query> all() {
        List<Query> all = new ArrayList<>(rules());
        all.addAll(dashboards());
        return all;
    }

    static List<Query> rules() {
        List<Query> queries = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : DeployFiles.yaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                    queries.add(new Query(file.getFileName() + ": " + name, rule.path("expr").asText()));
                }
            }
        }
        return queries;
    }

    static List<Query> dashboards() {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = DeployFiles.json(file);
            String prefix = file.getFileName() + ": ";
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    if (target.hasNonNull("expr")) {
                        queries.add(new Query(prefix + "panel '" + panel.path("title").asText() + "' "
                                + target.path("refId").asText(), PromQl.fromGrafana(target.path("expr").asText())));
                    }
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (!"query".equals(variable.path("type").asText())) {
                    continue;
                }
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                String promql = PromQl.fromTemplateQuery(text);
                if (promql != null) {
                    queries.add(new Query(prefix + "variable $" + variable.path("name").asText(), PromQl.fromGrafana(promql)));
                }
            }
            for (JsonNode annotation : dashboard.path("annotations").path("list")) {
                if (annotation.hasNonNull("expr")) {
                    queries.add(new Query(prefix + "annotation '" + annotation.path("name").asText() + "'",
                            PromQl.fromGrafana(annotation.path("expr").asText())));
                }
            }
        }
        return queries;
    }

    /** Every panel, rows' collapsed panels included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            for (JsonNode inner : panel.path("panels")) {
                panels.add(inner);
            }
        }
        return panels;
    }

    /** The domain table of deploy/METRICS.md: Prometheus name to the services that expose it. */
    static Map<String, Set<String>> catalogue() {
        Map<String, Set<String>> catalogue = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\|\\s*`([a-z_:][a-z0-9_:]*)`\\s*\\|[^|]*\\|[^|]*\\|([^|]*)\\|");
        for (String line : DeployFiles.read(DeployFiles.deploy("METRICS.md")).split("\n")) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                Set<String> services = new LinkedHashSet<>();
                for (String service : m.group(2).split(",")) {
                    services.add(service.strip() + "-service");
                }
                catalogue.put(m.group(1), services);
            }
        }
        if (catalogue.isEmpty()) {
            throw new AssertionError("No metric rows found in deploy/METRICS.md");
        }
        return catalogue;
    }
}
