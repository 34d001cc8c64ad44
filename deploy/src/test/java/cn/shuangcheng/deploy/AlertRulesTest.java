package cn.shuangcheng.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The alert rules and the scrape config, checked by Prometheus' own promtool, and the rules' unit tests run. */
class AlertRulesTest {

    private static final Path PROMETHEUS = DeployFiles.deploy("prometheus");

    @Test
    void promtoolAcceptsTheRuleFiles() {
        List<String> command = new ArrayList<>(List.of(Tools.promtool().toString(), "check", "rules"));
        Queries.ruleFiles().forEach(f -> command.add(PROMETHEUS.relativize(f).toString()));
        Tools.Result result = Tools.run(command, PROMETHEUS, null, 60);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void promtoolAcceptsTheScrapeConfigAndTheRulesItLoads() {
        Tools.Result result = Tools.run(List.of(Tools.promtool().toString(), "check", "config", "prometheus.yml"),
                PROMETHEUS, null, 60);
        assertThat(result.exitCode()).as(result.output()).isZero();
        for (Path rules : Queries.ruleFiles()) {
            assertThat(result.output()).as("prometheus.yml loads " + rules.getFileName())
                    .contains(rules.getFileName().toString());
        }
    }

    @Test
    void theRulesUnitTestsPass() {
        List<String> command = new ArrayList<>(List.of(Tools.promtool().toString(), "test", "rules"));
        testFiles().forEach(f -> command.add(PROMETHEUS.relativize(f).toString()));
        Tools.Result result = Tools.run(command, PROMETHEUS, null, 120);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertHasAUnitTestThatFiresItAndOneThatKeepsItQuiet() {
        Map<String, boolean[]> firedAndQuiet = new LinkedHashMap<>();
        Set<String> testedRuleFiles = new LinkedHashSet<>();
        for (Path testFile : testFiles()) {
            JsonNode tests = DeployFiles.yaml(testFile);
            tests.path("rule_files").forEach(f -> testedRuleFiles.add(
                    testFile.getParent().resolve(f.asText()).normalize().getFileName().toString()));
            for (JsonNode test : tests.path("tests")) {
                for (JsonNode expectation : test.path("alert_rule_test")) {
                    boolean[] seen = firedAndQuiet.computeIfAbsent(expectation.path("alertname").asText(), a -> new boolean[2]);
                    seen[expectation.path("exp_alerts").isEmpty() ? 1 : 0] = true;
                }
            }
        }
        assertThat(testedRuleFiles).containsAll(Queries.ruleFiles().stream().map(f -> f.getFileName().toString()).toList());
        for (String alert : alerts().keySet()) {
            boolean[] seen = firedAndQuiet.get(alert);
            assertThat(seen).as("unit tests of " + alert).isNotNull();
            assertThat(seen[0]).as(alert + " is shown to fire").isTrue();
            assertThat(seen[1]).as(alert + " is shown to stay quiet").isTrue();
        }
    }

    @Test
    void everyAlertSaysHowBadItIsAndWhatHappened() {
        assertThat(alerts()).hasSizeGreaterThanOrEqualTo(8);
        alerts().forEach((name, rule) -> {
            assertThat(name).startsWith("Shuangcheng");
            assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
            assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(name).isNotBlank();
        });
    }

    @Test
    void theIssuesAlertsAreAllThere() {
        assertThat(alerts()).containsKeys(
                "ShuangchengPublisherStopped", "ShuangchengConsumerStopped", "ShuangchengConsumerLagGrowing",
                "ShuangchengDeadLetters", "ShuangchengSequenceGaps", "ShuangchengHighErrorRate",
                "ShuangchengNotReady", "ShuangchengTargetDown");
    }

    private static List<Path> testFiles() {
        List<Path> files = DeployFiles.list(PROMETHEUS.resolve("tests"), ".test.yml");
        assertThat(files).isNotEmpty();
        return files;
    }

    private static Map<String, JsonNode> alerts() {
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (Path file : Queries.ruleFiles()) {
            for (JsonNode group : DeployFiles.yaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        assertThat(alerts.put(rule.path("alert").asText(), rule)).as("duplicate " + rule.path("alert")).isNull();
                    }
                }
            }
        }
        return alerts;
    }
}
