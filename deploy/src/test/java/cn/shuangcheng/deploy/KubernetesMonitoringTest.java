package cn.shuangcheng.deploy;

import static cn.shuangcheng.deploy.Kustomized.containers;
import static cn.shuangcheng.deploy.Kustomized.renderBase;
import static cn.shuangcheng.deploy.Kustomized.renderOverlay;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.shuangcheng.deploy.Kustomized.Rendered;

/**
 * The Prometheus Operator resources of deploy/k8s/base (monitoring.yaml, prometheus-rule.yaml). No schema of these
 * custom resources is vendored, so their fields are checked here: the PrometheusRule carries exactly the groups of
 * prometheus/rules/shuangcheng-alerts.yml, the PodMonitor and the Probe scrape what prometheus.yml scrapes in compose,
 * under the job names the rules select by.
 */
class KubernetesMonitoringTest {

    private static final String REGENERATE = "cd deploy && { sed -n '1,/^spec:$/p' k8s/base/prometheus-rule.yaml; "
            + "sed -n '/^groups:/,$p' prometheus/rules/shuangcheng-alerts.yml | sed 's/^./  &/'; } > /tmp/rule.yaml "
            + "&& mv /tmp/rule.yaml k8s/base/prometheus-rule.yaml";

    @Test
    void thePrometheusRuleCarriesExactlyTheRulesFilesGroups() {
        JsonNode rulesFile = DeployFiles.yaml(DeployFiles.deploy("prometheus/rules/shuangcheng-alerts.yml"));
        for (Rendered rendered : List.of(renderBase(), renderOverlay())) {
            List<ObjectNode> rules = rendered.ofKind("PrometheusRule");
            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
            assertThat(rules.get(0).path("spec").path("groups"))
                    .as("k8s/base/prometheus-rule.yaml's groups differ from the rules file; regenerate it: " + REGENERATE)
                    .isEqualTo(rulesFile.path("groups"));
        }
        assertThat(DeployFiles.read(DeployFiles.deploy("k8s/base/prometheus-rule.yaml"))).contains(REGENERATE.substring("cd deploy && ".length()));
    }

    @Test
    void theComparisonSeesAChangedRule() {
        JsonNode rulesFile = DeployFiles.yaml(DeployFiles.deploy("prometheus/rules/shuangcheng-alerts.yml")).deepCopy();
        ((ObjectNode) rulesFile.path("groups").get(0).path("rules").get(0)).put("for", "20m");
        assertThat(renderBase().get("PrometheusRule", "shuangcheng-alerts").path("spec").path("groups")).isNotEqualTo(rulesFile.path("groups"));
    }

    @Test
    void thePodMonitorScrapesEveryServicesManagementPortAsJobShuangcheng() {
        for (Rendered rendered : List.of(renderBase(), renderOverlay())) {
            ObjectNode monitor = rendered.get("PodMonitor", "shuangcheng");
            assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
            for (ObjectNode deployment : rendered.ofKind("Deployment")) {
                JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
                assertThat(Selectors.selects(monitor.path("spec").path("selector"), labels)).as(deployment.path("metadata").path("name").asText()).isTrue();
            }
            JsonNode endpoints = monitor.path("spec").path("podMetricsEndpoints");
            assertThat(endpoints).hasSize(1);
            JsonNode endpoint = endpoints.get(0);
            containers(rendered).values().forEach(c -> Kustomized.port(c, endpoint.path("port").asText()));
            assertThat(endpoint.path("port").asText()).isEqualTo("management");
            assertThat(endpoint.path("path").asText()).isEqualTo(scrapeConfig("shuangcheng").path("metrics_path").asText());
            assertThat(endpoint.path("relabelings").toString()).as("the job the rules select")
                    .contains("\"targetLabel\":\"job\"", "\"replacement\":\"shuangcheng\"");
        }
        assertThat(DeployFiles.read(DeployFiles.deploy("prometheus/rules/shuangcheng-alerts.yml"))).contains("job=\"shuangcheng\"");
    }

    @Test
    void theProbeAsksEveryServicesReadinessThroughTheBlackboxExporterAsJobShuangchengReadiness() {
        Rendered overlay = renderOverlay();
        ObjectNode probe = overlay.get("Probe", "shuangcheng-readiness");
        assertThat(probe.path("spec").path("jobName").asText()).isEqualTo(scrapeConfig("shuangcheng-readiness").path("job_name").asText());
        assertThat(DeployFiles.yaml(DeployFiles.deploy("blackbox/blackbox.yml")).path("modules").has(probe.path("spec").path("module").asText())).isTrue();
        String namespace = probe.path("metadata").path("namespace").asText();
        List<String> expected = new ArrayList<>();
        containers(overlay).forEach((name, container) -> expected.add("http://" + name + "." + namespace + ".svc:"
                + Kustomized.port(container, "management") + "/actuator/health/readiness"));
        List<String> targets = new ArrayList<>();
        probe.path("spec").path("targets").path("staticConfig").path("static").forEach(t -> targets.add(t.asText()));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
        for (ObjectNode service : overlay.ofKind("Service")) {
            assertThat(service.path("spec").path("ports").toString()).as("the Service answers on the management port")
                    .contains("\"name\":\"management\"");
        }
        assertThat(probe.path("spec").path("prober").path("url").asText()).contains(".monitoring.svc:");
    }

    private static JsonNode scrapeConfig(String job) {
        for (JsonNode scrape : DeployFiles.yaml(DeployFiles.deploy("prometheus/prometheus.yml")).path("scrape_configs")) {
            if (job.equals(scrape.path("job_name").asText())) {
                return scrape;
            }
        }
        throw new AssertionError("prometheus.yml has no job " + job);
    }
}
