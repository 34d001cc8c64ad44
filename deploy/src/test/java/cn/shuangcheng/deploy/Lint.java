package cn.shuangcheng.deploy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which findings of {@code promtool check metrics} are tolerated, and why. promtool 2.42 has no --lint switch for
 * check metrics: it prints one finding per line and exits 3. A finding on one of our own names (shuangcheng_*) is
 * never tolerated: they must be snake_case, carry a help text and follow the unit and suffix conventions. What is
 * tolerated below are names the libraries choose and we do not rename (renaming them would break the dashboards
 * and alerts people share for those libraries). A new kind of finding fails the check until it is judged here.
 */
final class Lint {

    private record Tolerated(Pattern finding, String why) {
    }

    private static final List<Tolerated> TOLERATED = List.of(
            new Tolerated(Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]* no help text$"),
                    "Micrometer observations (http, spring_security, tomcat) and Axon register meters without a"
                            + " description; ours always have one"),
            new Tolerated(Pattern.compile("^(commandBus|eventProcessor|eventStore|queryBus|queryUpdateEmitter)_[a-zA-Z0-9_:]* "
                            + "(metric|label) names should be written in 'snake_case' not 'camelCase'$"),
                    "axon-micrometer's names and tags (payloadType, processorName)"),
            new Tolerated(Pattern.compile("^spring_security_filterchains_[a-zA-Z0-9_]*Filter_(before|after)_total "
                            + "metric names should be written in 'snake_case' not 'camelCase'$"),
                    "Spring Security names these counters after the filter's class"),
            new Tolerated(Pattern.compile("^(jvm_compilation_time_ms_total|process_cpu_time_ns_total) "
                            + "metric names should not contain abbreviated units$"),
                    "Micrometer's JVM and process meters"),
            new Tolerated(Pattern.compile("^kafka_(consumer|producer|admin_client|app_info)_[a-z0-9_]* (metric names should not contain "
                            + "abbreviated units|non-histogram and non-summary metrics should not have \"_count\" suffix)$"),
                    "Micrometer's KafkaClientMetrics exposes Kafka's own client metric names (io_time_ns, connection_count, ...)"),
            new Tolerated(Pattern.compile("^system_cpu_count non-histogram and non-summary metrics should not have \"_count\" suffix$"),
                    "Micrometer's processor count gauge"));

    private Lint() {
    }

    static boolean tolerated(String finding) {
        String line = finding.strip();
        if (line.startsWith("shuangcheng_")) {
            return false;
        }
        return TOLERATED.stream().anyMatch(t -> t.finding().matcher(line).matches());
    }
}
