package cn.shuangcheng.deploy;

import static cn.shuangcheng.deploy.Kustomized.BASE;
import static cn.shuangcheng.deploy.Kustomized.OVERLAY;
import static cn.shuangcheng.deploy.Kustomized.env;
import static cn.shuangcheng.deploy.Kustomized.labelsMatch;
import static cn.shuangcheng.deploy.Kustomized.port;
import static cn.shuangcheng.deploy.Kustomized.renderBase;
import static cn.shuangcheng.deploy.Kustomized.renderOverlay;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonParser;

import cn.shuangcheng.deploy.Kustomized.Rendered;

/**
 * deploy/k8s without a cluster. Every resource of the base, and of the example overlay as kustomize would render it,
 * is validated against the Kubernetes API's models (io.kubernetes:client-java-api, generated from the API's OpenAPI
 * document: an unknown or misspelt field, a missing required one or a wrong type is an error), then checked for what
 * the issue asks: probes on the management port, resources, restricted security contexts, ConfigMap and Secret
 * references that resolve, Services and PodDisruptionBudgets that select their Deployment, an autoscaled
 * reporting-service bounded by the partitions, and Kafka and MongoDB only referenced.
 * <p>
 * The overlay is rendered here by a small subset of kustomize (namespace, images, ConfigMap merge, strategic-merge
 * patches by name); kubectl's own {@code kubectl kustomize} output is validated the same way and compared with it
 * (./test.sh installs kubectl; without it that test fails).
 */
class KubernetesManifestsTest {

    @Test
    void theBaseIsValidAndDeployable() {
        Rendered base = renderBase();
        validateAgainstTheApi(base.resources());
        checkDeployable(base);
        assertThat(base.get("Deployment", "project-service").path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theExampleOverlayIsValidAndDeployable() {
        Rendered overlay = renderOverlay();
        validateAgainstTheApi(overlay.resources());
        checkDeployable(overlay);
        for (ObjectNode resource : overlay.resources()) {
            if (!"Namespace".equals(resource.path("kind").asText())) {
                assertThat(resource.path("metadata").path("namespace").asText()).isEqualTo("shuangcheng");
            }
        }
        for (ObjectNode deployment : overlay.ofKind("Deployment")) {
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(container.path("image").asText()).startsWith("registry.example.gov.cn/shuangcheng/");
            assertThat(env(container, "MONGODB_URI").path("valueFrom").path("secretKeyRef").path("key").asText())
                    .isEqualTo("connectionString.standard");
        }
        assertThat(overlay.config()).containsEntry("publication-partitions", "12").containsKey("log-format");
        assertThat(overlay.get("HorizontalPodAutoscaler", "reporting-service").path("spec").path("maxReplicas").asInt()).isEqualTo(12);
    }

    @Test
    void theApiValidationCatchesAMisspeltField() {
        ObjectNode deployment = renderBase().get("Deployment", "project-service").deepCopy();
        ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0)).put("imagePullPolicyy", "Always");
        assertThat(apiErrors(List.of(deployment))).singleElement().asString().contains("imagePullPolicyy");
        ObjectNode pdb = renderBase().get("PodDisruptionBudget", "cadre-service").deepCopy();
        ((ObjectNode) pdb.path("spec")).remove("selector");
        ((ObjectNode) pdb.path("spec")).put("selectr", "x");
        assertThat(apiErrors(List.of(pdb))).isNotEmpty();
    }

    @Test
    void kubectlKustomizeRendersWhatThisTestChecks() {
        // ./test.sh installs kubectl (Debian's kubernetes-client) when it is missing: a missing tool is a failure,
        // never a pass
        Path kubectl = Tools.kubectl();
        for (Path dir : List.of(BASE, OVERLAY)) {
            Tools.Result result = Tools.run(List.of(kubectl.toString(), "kustomize", dir.toString()), DeployFiles.deploy(), null, 60);
            assertThat(result.exitCode()).as(result.output()).isZero();
            List<ObjectNode> rendered = new ArrayList<>();
            try {
                var parser = new com.fasterxml.jackson.dataformat.yaml.YAMLFactory().createParser(result.stdout());
                var documents = DeployFiles.YAML.readValues(parser, ObjectNode.class);
                while (documents.hasNext()) {
                    rendered.add(documents.next());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            validateAgainstTheApi(rendered);
            Rendered mine = dir.equals(BASE) ? renderBase() : renderOverlay();
            assertThat(kindsAndNames(rendered)).containsExactlyInAnyOrderElementsOf(kindsAndNames(mine.resources()));
            for (ObjectNode resource : mine.resources()) {
                String kind = resource.path("kind").asText();
                if (kind.equals("ConfigMap")) {
                    continue; // kustomize adds a hash to the name
                }
                ObjectNode theirs = rendered.stream().filter(r -> r.path("kind").asText().equals(kind)
                        && r.path("metadata").path("name").equals(resource.path("metadata").path("name"))).findFirst().orElseThrow();
                assertThat(withoutConfigMapNames(theirs.path("spec"))).as(kind + " " + resource.path("metadata").path("name"))
                        .isEqualTo(withoutConfigMapNames(resource.path("spec")));
            }
        }
    }

    // ------------------------------------------------------------------ what a deployable rendering has

    private static void checkDeployable(Rendered rendered) {
        assertThat(rendered.ofKind("StatefulSet")).as("Kafka and MongoDB are referenced, not run here").isEmpty();
        List<ObjectNode> deployments = rendered.ofKind("Deployment");
        assertThat(deployments).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(LiveServices.SERVICES);
        int partitions = Integer.parseInt(rendered.config().get("publication-partitions"));
        for (ObjectNode deployment : deployments) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode pod = deployment.path("spec").path("template");
            JsonNode podSpec = pod.path("spec");
            assertThat(podSpec.path("containers")).as(name).hasSize(1);
            JsonNode container = podSpec.path("containers").get(0);
            assertThat(container.path("image").asText()).as(name).contains(name).doesNotContain("mongo", "kafka");
            assertThat(labelsMatch(deployment.path("spec").path("selector").path("matchLabels"), pod.path("metadata").path("labels")))
                    .as(name + " selects its pods").isTrue();

            int http = port(container, "http");
            int management = port(container, "management");
            assertThat(env(container, "PORT").path("value").asText()).isEqualTo(Integer.toString(http));
            assertThat(env(container, "MANAGEMENT_PORT").path("value").asText()).isEqualTo(Integer.toString(management));
            assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText()).isEqualTo(Integer.toString(management));

            assertProbe(container.path("startupProbe"), "/actuator/health/liveness", name);
            assertProbe(container.path("livenessProbe"), "/actuator/health/liveness", name);
            assertProbe(container.path("readinessProbe"), "/actuator/health/readiness", name);

            JsonNode resources = container.path("resources");
            assertThat(resources.path("requests").has("cpu") && resources.path("requests").has("memory")).as(name + " requests").isTrue();
            assertThat(resources.path("limits").has("memory")).as(name + " memory limit").isTrue();

            JsonNode podSecurity = podSpec.path("securityContext");
            assertThat(podSecurity.path("runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(podSecurity.path("runAsUser").asInt()).as(name + ": the Dockerfile's user").isEqualTo(10001);
            assertThat(podSecurity.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
            JsonNode security = container.path("securityContext");
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
            assertThat(security.path("capabilities").path("drop").toString()).as(name).contains("\"ALL\"");
            assertThat(container.path("volumeMounts").toString()).as(name + " writable /tmp").contains("\"/tmp\"");

            assertThat(env(container, "MONGODB_URI").path("valueFrom").path("secretKeyRef").path("name").asText()).isNotBlank();
            for (JsonNode variable : container.path("env")) {
                JsonNode ref = variable.path("valueFrom").path("configMapKeyRef");
                if (!ref.isMissingNode()) {
                    assertThat(ref.path("name").asText()).as(name).startsWith("shuangcheng-config");
                    assertThat(rendered.config()).as(name + " " + variable.path("name").asText()).containsKey(ref.path("key").asText());
                }
            }
            List<String> variables = new ArrayList<>();
            container.path("env").forEach(v -> variables.add(v.path("name").asText()));
            assertThat(ServiceEnvironment.unread(name, variables)).as(name + ": variables its configuration does not read").isEmpty();

            List<ObjectNode> services = rendered.ofKind("Service").stream()
                    .filter(s -> labelsMatch(s.path("spec").path("selector"), pod.path("metadata").path("labels"))).toList();
            assertThat(services).as(name + " has one Service").hasSize(1);
            for (JsonNode servicePort : services.get(0).path("spec").path("ports")) {
                String target = servicePort.path("targetPort").asText();
                assertThat(List.of("http", "management")).as(name + " Service targetPort").contains(target);
            }
            assertThat(rendered.ofKind("PodDisruptionBudget").stream()
                    .filter(p -> labelsMatch(p.path("spec").path("selector").path("matchLabels"), pod.path("metadata").path("labels"))))
                    .as(name + " has a PodDisruptionBudget").hasSize(1);
        }
        ObjectNode hpa = rendered.get("HorizontalPodAutoscaler", "reporting-service");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("reporting-service");
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.path("spec").path("maxReplicas").asInt()).as("no more instances than partitions").isLessThanOrEqualTo(partitions);
        assertThat(rendered.get("Deployment", "reporting-service").path("spec").has("replicas"))
                .as("the HPA owns reporting-service's replicas").isFalse();
    }

    private static void assertProbe(JsonNode probe, String path, String name) {
        assertThat(probe.path("httpGet").path("path").asText()).as(name + " probe").isEqualTo(path);
        assertThat(probe.path("httpGet").path("port").asText()).as(name + " probe port").isEqualTo("management");
    }

    // ------------------------------------------------------------------ validation against the API's models

    private static void validateAgainstTheApi(List<? extends JsonNode> resources) {
        assertThat(apiErrors(resources)).isEmpty();
    }

    private static List<String> apiErrors(List<? extends JsonNode> resources) {
        List<String> errors = new ArrayList<>();
        for (JsonNode resource : resources) {
            String apiVersion = resource.path("apiVersion").asText();
            String kind = resource.path("kind").asText();
            if (isCustomResource(resource)) {
                // No model or vendored schema for the operators' kinds (Prometheus Operator, Strimzi): their fields
                // are checked by KubernetesMonitoringTest and KubernetesTrustBoundariesTest instead.
                continue;
            }
            String version = apiVersion.substring(apiVersion.lastIndexOf('/') + 1);
            String model = "io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind;
            String what = kind + " " + resource.path("metadata").path("name").asText();
            try {
                Method validate = Class.forName(model).getMethod("validateJsonElement", com.google.gson.JsonElement.class);
                validate.invoke(null, JsonParser.parseString(resource.toString()));
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                errors.add(what + ": no model " + model + " for " + apiVersion);
            } catch (InvocationTargetException e) {
                errors.add(what + ": " + e.getCause().getMessage());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return errors;
    }

    /** A kind of an operator's CustomResourceDefinition, not of the Kubernetes API itself. */
    static boolean isCustomResource(JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        return apiVersion.startsWith("monitoring.coreos.com/") || apiVersion.startsWith("kafka.strimzi.io/");
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> kindsAndNames(List<? extends JsonNode> resources) {
        return resources.stream().map(r -> r.path("kind").asText() + "/"
                + r.path("metadata").path("name").asText().replaceFirst("^(shuangcheng-config)-[a-z0-9]+$", "$1")).toList();
    }

    /** The spec with ConfigMap names reduced to their base name (kustomize appends a content hash). */
    private static JsonNode withoutConfigMapNames(JsonNode spec) {
        String text = spec.toString().replaceAll("\"shuangcheng-config-[a-z0-9]+\"", "\"shuangcheng-config\"");
        try {
            return DeployFiles.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
