package cn.shuangcheng.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * deploy/k8s rendered by a small subset of kustomize (resources, the ConfigMap generator and its merge, common
 * labels, namespace, images, strategic-merge patches by name), so that the checks run without kubectl;
 * KubernetesManifestsTest compares it with {@code kubectl kustomize} where kubectl is installed.
 */
final class Kustomized {

    static final Path K8S = DeployFiles.deploy("k8s");
    static final Path BASE = K8S.resolve("base");
    static final Path OVERLAY = K8S.resolve("overlays/example");

    private Kustomized() {
    }

    record Rendered(List<ObjectNode> resources, Map<String, String> config) {
        List<ObjectNode> ofKind(String kind) {
            return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
        }

        ObjectNode get(String kind, String name) {
            return ofKind(kind).stream().filter(r -> name.equals(r.path("metadata").path("name").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
        }
    }

    /** The containers of the Deployments, by Deployment name. */
    static Map<String, JsonNode> containers(Rendered rendered) {
        Map<String, JsonNode> containers = new LinkedHashMap<>();
        rendered.ofKind("Deployment").forEach(d -> containers.put(d.path("metadata").path("name").asText(),
                d.path("spec").path("template").path("spec").path("containers").get(0)));
        return containers;
    }

    static Rendered renderBase() {
        JsonNode kustomization = DeployFiles.yaml(BASE.resolve("kustomization.yaml"));
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode file : kustomization.path("resources")) {
            DeployFiles.yamlDocuments(BASE.resolve(file.asText())).forEach(d -> resources.add((ObjectNode) d));
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            assertThat(generator.path("name").asText()).isEqualTo("shuangcheng-config");
            generator.path("literals").forEach(l -> config.put(l.asText().split("=", 2)[0], l.asText().split("=", 2)[1]));
        }
        ObjectNode configMap = DeployFiles.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        configMap.putObject("metadata").put("name", "shuangcheng-config");
        ObjectNode data = configMap.putObject("data");
        config.forEach(data::put);
        resources.add(configMap);
        for (JsonNode pairs : kustomization.path("labels")) {
            for (ObjectNode resource : resources) {
                pairs.path("pairs").fields().forEachRemaining(p -> {
                    ((ObjectNode) resource.with("metadata")).with("labels").set(p.getKey(), p.getValue());
                    if (pairs.path("includeTemplates").asBoolean() && resource.path("spec").has("template")) {
                        ((ObjectNode) resource.path("spec").path("template")).with("metadata").with("labels").set(p.getKey(), p.getValue());
                    }
                });
            }
        }
        return new Rendered(resources, config);
    }

    static Rendered renderOverlay() {
        JsonNode kustomization = DeployFiles.yaml(OVERLAY.resolve("kustomization.yaml"));
        List<ObjectNode> resources = new ArrayList<>();
        Map<String, String> config = new LinkedHashMap<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = OVERLAY.resolve(entry.asText()).normalize();
            if (path.equals(BASE)) {
                Rendered base = renderBase();
                resources.addAll(base.resources());
                config.putAll(base.config());
            } else {
                DeployFiles.yamlDocuments(path).forEach(d -> resources.add((ObjectNode) d));
            }
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            assertThat(generator.path("behavior").asText()).isEqualTo("merge");
            generator.path("literals").forEach(l -> config.put(l.asText().split("=", 2)[0], l.asText().split("=", 2)[1]));
        }
        for (ObjectNode resource : resources) {
            if ("ConfigMap".equals(resource.path("kind").asText())) {
                ObjectNode data = resource.putObject("data");
                config.forEach(data::put);
            }
        }
        for (JsonNode patchEntry : kustomization.path("patches")) {
            for (JsonNode patch : DeployFiles.yamlDocuments(OVERLAY.resolve(patchEntry.path("path").asText()))) {
                ObjectNode target = resources.stream()
                        .filter(r -> r.path("kind").equals(patch.path("kind")) && r.path("metadata").path("name").equals(patch.path("metadata").path("name")))
                        .findFirst().orElseThrow(() -> new AssertionError(patchEntry + " patches a resource the base does not have: "
                                + patch.path("kind") + " " + patch.path("metadata").path("name")));
                merge(target, patch);
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            boolean used = false;
            for (ObjectNode deployment : resources) {
                for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                    String current = container.path("image").asText();
                    if (current.substring(0, current.lastIndexOf(':')).equals(image.path("name").asText())) {
                        ((ObjectNode) container).put("image", image.path("newName").asText() + ":" + image.path("newTag").asText());
                        used = true;
                    }
                }
            }
            assertThat(used).as("image " + image.path("name") + " is one the base uses").isTrue();
        }
        String namespace = kustomization.path("namespace").asText();
        for (ObjectNode resource : resources) {
            if (!"Namespace".equals(resource.path("kind").asText())) {
                ((ObjectNode) resource.path("metadata")).put("namespace", namespace);
            }
        }
        return new Rendered(resources, config);
    }

    /** Strategic merge as far as these patches need it: objects field by field, lists of named objects by name. */
    private static void merge(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode current = target.get(field.getKey());
            JsonNode value = field.getValue();
            if (current instanceof ObjectNode currentObject && value.isObject()) {
                merge(currentObject, value);
            } else if (current instanceof ArrayNode currentArray && value.isArray() && isNamedList(value)) {
                for (JsonNode item : value) {
                    JsonNode match = null;
                    for (JsonNode existing : currentArray) {
                        if (existing.path("name").equals(item.path("name"))) {
                            match = existing;
                        }
                    }
                    if (match instanceof ObjectNode matchObject) {
                        merge(matchObject, item);
                    } else {
                        currentArray.add(item.deepCopy());
                    }
                }
                // as kustomize's strategic merge orders them: the patch's items first, in its order, then the rest
                List<JsonNode> ordered = new ArrayList<>();
                for (JsonNode item : value) {
                    currentArray.forEach(existing -> {
                        if (existing.path("name").equals(item.path("name"))) {
                            ordered.add(existing);
                        }
                    });
                }
                currentArray.forEach(existing -> {
                    if (!ordered.contains(existing)) {
                        ordered.add(existing);
                    }
                });
                currentArray.removeAll();
                currentArray.addAll(ordered);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    private static boolean isNamedList(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return true;
    }

    static JsonNode env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError("no env " + name + " in " + container.path("name"));
    }

    static int port(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no port " + name + " in " + container.path("name"));
    }

    static boolean labelsMatch(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> entries = selector.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!entry.getValue().equals(labels.path(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
