package cn.shuangcheng.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CI smoke check of a results file (.ci/run after {@code bench/run.sh --smoke}): every metric of the issue was
 * produced, each with its limit and ratio (M7 has none). Figures are never judged: the smallest size on a shared
 * machine says nothing about speed; the check only keeps the harness from rotting.
 *
 * <pre>java -cp ... cn.shuangcheng.bench.ResultsCheck target/bench/results.json</pre>
 */
public final class ResultsCheck {

    /** Every line the suite writes, by name. */
    static final List<String> EXPECTED = List.of("M1 commands through REST", "M1 command latency p50",
            "M1 command latency p99", "M2 publication onto Kafka", "M3 events applied into read models",
            "M4 command to read model p50", "M4 command to read model p99", "M5 rebuild",
            "M6 portfolio report p99 under M4 load", "M6 project list p99 under M4 load",
            "M7 project-service CPU per 10k events", "M7 project-service peak RSS",
            "M7 cadre-service CPU per 10k events", "M7 cadre-service peak RSS",
            "M7 reporting-service CPU per 10k events", "M7 reporting-service peak RSS", "S M1 cost per command",
            "S M2 cost per published event", "S M3 cost per applied event");

    private ResultsCheck() {
    }

    public static void main(String[] args) throws Exception {
        List<String> problems = problems(ResultsFile.read(Path.of(args.length > 0 ? args[0]
                : "target/bench/results.json")));
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("bench results: " + p));
            System.exit(1);
        }
        System.out.println("bench results: all " + EXPECTED.size() + " metrics produced, each with its limit and ratio");
    }

    static List<String> problems(List<Metric> results) {
        List<String> problems = new ArrayList<>();
        for (String name : EXPECTED) {
            Metric m = results.stream().filter(r -> r.metric().equals(name)).findFirst().orElse(null);
            if (m == null) {
                problems.add("no " + name);
            } else if (!finite(m.value()) || m.unit() == null) {
                problems.add(name + " has no value");
            } else if (!name.startsWith("M7") && (!finite(m.limit()) || m.limitUnit() == null
                    || !finite(m.ratio()))) {
                problems.add(name + " has no limit or ratio");
            }
        }
        return problems;
    }

    private static boolean finite(Double v) {
        return v != null && Double.isFinite(v);
    }
}
