package cn.shuangcheng.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One scrape of a service's /actuator/prometheus in the text format: the sample names it holds (counters with
 * {@code _total}, histograms as {@code _bucket}, {@code _count}, {@code _sum}, ...) and the label names of each.
 */
final class Exposition {

    final String service;
    final String text;
    private final Map<String, Set<String>> labelsByName = new TreeMap<>();

    Exposition(String service, String text) {
        this.service = service;
        this.text = text;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int i = 0;
            while (i < trimmed.length() && trimmed.charAt(i) != '{' && !Character.isWhitespace(trimmed.charAt(i))) {
                i++;
            }
            String name = trimmed.substring(0, i);
            Set<String> labels = labelsByName.computeIfAbsent(name, n -> new TreeSet<>());
            if (i < trimmed.length() && trimmed.charAt(i) == '{') {
                labels.addAll(labelNames(trimmed, i + 1));
            }
        }
    }

    /** Label names of {@code name{a="x",b="y\"z"}}, starting after the brace. */
    private static Set<String> labelNames(String line, int start) {
        Set<String> names = new TreeSet<>();
        int i = start;
        while (i < line.length() && line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            names.add(line.substring(i, equals).strip());
            i = equals + 2; // past ="
            while (line.charAt(i) != '"') {
                i += line.charAt(i) == '\\' ? 2 : 1;
            }
            i++;
            while (i < line.length() && (line.charAt(i) == ',' || Character.isWhitespace(line.charAt(i)))) {
                i++;
            }
        }
        return names;
    }

    boolean has(String name) {
        return labelsByName.containsKey(name);
    }

    Set<String> labels(String name) {
        return labelsByName.getOrDefault(name, Set.of());
    }

    Set<String> names() {
        return labelsByName.keySet();
    }

    @Override
    public String toString() {
        return service + " (" + labelsByName.size() + " names)";
    }
}
