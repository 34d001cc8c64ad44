package cn.shuangcheng.deploy;

import cn.shuangcheng.testsupport.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The local stack (local-stack/, started from its jar as local-stack/run.sh does, with a fresh data directory, no demo
 * data and free ports) watched by a real Prometheus with deploy/prometheus/prometheus.yml and its rules, and a real
 * blackbox exporter: every target up, every readiness probe passing, every rule evaluated without error, and the
 * series of all three services there, tagged with their application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackPrometheusIT {

    private static final Duration STACK_DEADLINE = Duration.ofMinutes(6);
    private static final Duration PROMETHEUS_DEADLINE = Duration.ofMinutes(2);
    private static final Duration PROMETHEUS_POLL = Duration.ofMillis(500);

    private ChildJvm stack;
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private PrometheusRun prometheus;

    @BeforeAll
    void startTheLocalStackAndPrometheus() throws IOException {
        Path jar = LiveServices.jar("local-stack");
        Path data = DeployFiles.deploy("target/local-stack-data");
        Path log = DeployFiles.deploy("target/local-stack.log");
        Files.createDirectories(data);
        for (String service : LiveServices.SERVICES) {
            managementPorts.put(service, LiveServices.freePort());
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--fresh", "--no-demo-data", "--data-dir=" + data, "--repository=" + DeployFiles.root(),
                "--kafka-port=0", "--kafka-controller-port=0", "--mongo-port=0", "--auth-port=0",
                "--project-port=0", "--cadre-port=0", "--reporting-port=0"));
        managementPorts.forEach((service, port) ->
                arguments.add("--" + service.replace("-service", "") + "-management-port=" + port));
        stack = ChildJvm.of("the local stack", jar).jvmOptions(List.of("-Xmx640m")).arguments(arguments)
                .directory(DeployFiles.root()).log(log).start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopStack, "local-stack-stop"));

        // The services start side by side, so one STACK_DEADLINE covers them all: wait for each in turn.
        Deque<Map.Entry<String, Integer>> starting = new ArrayDeque<>(managementPorts.entrySet());
        Waiting.until("every service of the local stack ready", STACK_DEADLINE, Duration.ofSeconds(1), () -> {
            // Checked first: once the stack has exited, nothing listens, and the IOException would only be retried.
            stack.requireAlive();
            while (!starting.isEmpty() && LiveServices.ready(starting.peek().getValue())) {
                starting.remove();
            }
            return starting.isEmpty();
        }, () -> starting.peek().getKey() + " is not ready; the stack's log ends:\n" + LiveServices.tail(log));

        Map<String, String> targets = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Integer> service : managementPorts.entrySet()) {
            targets.put(service.getKey() + ":" + (9081 + i++), "127.0.0.1:" + service.getValue());
        }
        prometheus = PrometheusRun.start(targets, "prometheus-local-stack");
        Waiting.until("Prometheus ready", PROMETHEUS_DEADLINE, PROMETHEUS_POLL, prometheus::answers,
                () -> LiveServices.tail(prometheus.log("prometheus")));
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        stopStack();
    }

    private synchronized void stopStack() {
        if (stack == null) {
            return;
        }
        // the launcher's shutdown hook stops the services, the auth server, Kafka and MongoDB; stragglers are killed
        stack.stop(Duration.ofSeconds(90));
        stack = null;
    }

    @Test
    void prometheusWithDeploysScrapeConfigSeesEveryTargetOfTheLocalStackUp() {
        JsonNode[] targets = new JsonNode[1];
        Waiting.until("every target up", PROMETHEUS_DEADLINE, PROMETHEUS_POLL, () -> {
            targets[0] = prometheus.api("/api/v1/targets", Map.of("state", "active")).path("activeTargets");
            if (targets[0].size() != 2 * LiveServices.SERVICES.size()) {
                return false;
            }
            for (JsonNode target : targets[0]) {
                if (!"up".equals(target.path("health").asText())) {
                    return false;
                }
            }
            return true;
        }, () -> String.valueOf(targets[0]));
        Set<String> scraped = new TreeSet<>();
        targets[0].forEach(t -> scraped.add(t.path("scrapeUrl").asText()));
        int i = 0;
        for (String service : managementPorts.keySet()) {
            assertThat(scraped).contains("http://" + prometheus.address(service + ":" + (9081 + i++)) + "/actuator/prometheus");
        }
    }

    @Test
    void everyServiceOfTheLocalStackIsReadyAndTaggedWithItsApplication() {
        JsonNode[] result = new JsonNode[1];
        Waiting.until("probe_success 1 for the three readiness endpoints", PROMETHEUS_DEADLINE, PROMETHEUS_POLL, () -> {
            result[0] = prometheus.api("/api/v1/query", Map.of("query", "probe_success{job=\"shuangcheng-readiness\"} == 1")).path("result");
            return result[0].size() == LiveServices.SERVICES.size();
        }, () -> String.valueOf(result[0]));
        Set<String> applications = new TreeSet<>();
        Waiting.until("jvm_info of the three services", PROMETHEUS_DEADLINE, PROMETHEUS_POLL, () -> {
            applications.clear();
            prometheus.api("/api/v1/query", Map.of("query", "count by (application) (jvm_info{job=\"shuangcheng\"})"))
                    .path("result").forEach(r -> applications.add(r.path("metric").path("application").asText()));
            return applications.size() == LiveServices.SERVICES.size();
        }, applications::toString);
        assertThat(applications).containsExactlyInAnyOrderElementsOf(LiveServices.SERVICES);
    }

    @Test
    void everyRuleEvaluatesWithoutErrorOnTheLocalStacksSeries() {
        int rules = Queries.rules().size();
        JsonNode[] groups = new JsonNode[1];
        Waiting.until("every rule evaluated", PROMETHEUS_DEADLINE, PROMETHEUS_POLL, () -> {
            groups[0] = prometheus.api("/api/v1/rules", Map.of()).path("groups");
            int evaluated = 0;
            for (JsonNode group : groups[0]) {
                for (JsonNode rule : group.path("rules")) {
                    if (!rule.path("lastEvaluation").asText().startsWith("0001")) {
                        evaluated++;
                    }
                }
            }
            return evaluated == rules;
        }, () -> String.valueOf(groups[0]));
        List<String> unhealthy = new ArrayList<>();
        groups[0].forEach(g -> g.path("rules").forEach(r -> {
            if (!"ok".equals(r.path("health").asText())) {
                unhealthy.add(r.path("name").asText() + ": " + r.path("lastError").asText());
            }
        }));
        assertThat(unhealthy).isEmpty();
    }
}
