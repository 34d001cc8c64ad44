package cn.shuangcheng.bench;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results as JSON (a list of {metric, value, unit, limit, limitUnit, ratio, params}) and as the printed table. */
final class ResultsFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ResultsFile() {
    }

    static void write(Path file, List<Metric> results) throws Exception {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    }

    static List<Metric> read(Path file) throws Exception {
        return JSON.readValue(Files.readString(file), new TypeReference<List<Metric>>() { });
    }

    /** M7 beside the same line of a previous results file: its value goes into params.previous. */
    static void compareResources(List<Metric> results, List<Metric> previous) {
        for (int i = 0; i < results.size(); i++) {
            Metric m = results.get(i);
            if (!m.metric().startsWith("M7")) {
                continue;
            }
            for (Metric p : previous) {
                if (p.metric().equals(m.metric())) {
                    Map<String, Object> params = new LinkedHashMap<>(m.params());
                    params.put("previous", p.value());
                    results.set(i, new Metric(m.metric(), m.value(), m.unit(), m.limit(), m.limitUnit(), m.ratio(),
                            params));
                }
            }
        }
    }

    static String table(List<Metric> results) {
        StringBuilder text = new StringBuilder();
        String format = "| %-40s | %12s %-8s | %12s %-31s | %7s |%n";
        text.append(String.format(format, "metric", "value", "", "limit", "", "ratio"));
        text.append(String.format(format, "-".repeat(40), "-".repeat(12), "-".repeat(8), "-".repeat(12),
                "-".repeat(31), "-".repeat(7)));
        for (Metric m : results) {
            text.append(String.format(format, m.metric(), figure(m.value()), m.unit(), figure(m.limit()),
                    m.limitUnit() == null ? "" : m.limitUnit(), m.ratio() == null ? "" : String.format("%.3f",
                            m.ratio())));
        }
        return text.toString();
    }

    private static String figure(Double v) {
        return v == null ? "—" : String.format("%,.2f", v);
    }
}
