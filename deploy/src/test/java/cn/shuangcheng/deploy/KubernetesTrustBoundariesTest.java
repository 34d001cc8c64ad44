package cn.shuangcheng.deploy;

import static cn.shuangcheng.deploy.Kustomized.containers;
import static cn.shuangcheng.deploy.Kustomized.renderBase;
import static cn.shuangcheng.deploy.Kustomized.renderOverlay;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.shuangcheng.deploy.Kustomized.Rendered;

/**
 * The Kubernetes manifests' trust boundaries (issue 13), for the base and the example overlay: NetworkPolicies that
 * deny by default and select every service pod (the API from the ingress controller, the management port from the
 * monitoring namespace only), every credential in a Secret (referenced by secretKeyRef, never in a ConfigMap or a
 * literal; each Secret rendered or named in deploy/README.md as one an operator provides), Kafka over SASL/TLS as
 * the service's own user, health details never shown, and the example's Kafka users with the ACLs compose grants.
 */
class KubernetesTrustBoundariesTest {

    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(password|secret|jaas|credential|token|private).*");
    private static final Pattern CREDENTIAL_VALUE = Pattern.compile("(?is).*(password|LoginModule|mongodb(\\+srv)?://[^/@]+@).*");

    @Test
    void networkPoliciesDenyByDefaultAndLetInOnlyTheIngressControllerAndMonitoring() {
        for (Rendered rendered : List.of(renderBase(), renderOverlay())) {
            List<ObjectNode> policies = rendered.ofKind("NetworkPolicy");
            assertThat(policies).as("a default deny").anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                    && p.path("spec").path("policyTypes").toString().equals("[\"Ingress\",\"Egress\"]")
                    && !p.path("spec").has("ingress") && !p.path("spec").has("egress"));
            int kafkaPort = Integer.parseInt(rendered.config().get("kafka-bootstrap-servers").replaceFirst(".*:", ""));
            for (ObjectNode deployment : rendered.ofKind("Deployment")) {
                String name = deployment.path("metadata").path("name").asText();
                JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
                JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
                List<ObjectNode> selecting = policies.stream().filter(p -> Selectors.selects(p.path("spec").path("podSelector"), labels)).toList();
                assertThat(selecting).as(name + " is selected by the default deny and the allowing policies").hasSizeGreaterThanOrEqualTo(4);

                Map<String, Set<String>> fromByPort = new LinkedHashMap<>();
                Set<String> egress = new TreeSet<>();
                for (ObjectNode policy : selecting) {
                    for (JsonNode rule : policy.path("spec").path("ingress")) {
                        assertThat(rule.path("from")).as(policy.path("metadata").path("name") + ": no ingress from anywhere").isNotEmpty();
                        assertThat(rule.path("ports")).as(policy.path("metadata").path("name") + ": no ingress to every port").isNotEmpty();
                        for (JsonNode port : rule.path("ports")) {
                            Kustomized.port(container, port.path("port").asText());
                            for (JsonNode from : rule.path("from")) {
                                assertThat(from.has("ipBlock")).as("ingress by namespace, not by address").isFalse();
                                fromByPort.computeIfAbsent(port.path("port").asText(), p -> new TreeSet<>())
                                        .add(from.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText());
                            }
                        }
                    }
                    for (JsonNode rule : policy.path("spec").path("egress")) {
                        assertThat(rule.path("ports")).as(policy.path("metadata").path("name") + ": no egress to every port").isNotEmpty();
                        rule.path("ports").forEach(port -> egress.add(port.path("port").asText()));
                    }
                }
                assertThat(fromByPort).as(name).containsOnlyKeys("http", "management");
                assertThat(fromByPort.get("http")).as(name + "'s API").containsExactly("ingress-nginx");
                assertThat(fromByPort.get("management")).as(name + "'s management port").containsExactly("monitoring");
                assertThat(egress).as(name + ": DNS, MongoDB, Kafka, the issuer")
                        .containsExactlyInAnyOrder("53", "27017", Integer.toString(kafkaPort), "443");
            }
        }
    }

    @Test
    void everyCredentialIsInASecretThatIsRenderedOrProvidedByAnOperatorAsTheReadmeSays() {
        String credentialsSection = readmeCredentials();
        for (Rendered rendered : List.of(renderBase(), renderOverlay())) {
            Set<String> provided = new LinkedHashSet<>();
            rendered.ofKind("Secret").forEach(s -> provided.add(s.path("metadata").path("name").asText()));
            // Strimzi's User Operator writes a Secret of each KafkaUser's name
            rendered.ofKind("KafkaUser").forEach(u -> provided.add(u.path("metadata").path("name").asText()));
            containers(rendered).forEach((name, container) -> {
                for (JsonNode variable : container.path("env")) {
                    String where = name + " " + variable.path("name").asText();
                    if (variable.path("name").asText().equals("MONGODB_URI") || CREDENTIAL.matcher(variable.path("name").asText()).matches()) {
                        assertThat(variable.path("valueFrom").has("secretKeyRef")).as(where + " comes from a Secret").isTrue();
                    }
                    assertThat(variable.path("value").asText()).as(where + " is no literal credential").doesNotMatch(CREDENTIAL_VALUE);
                }
            });
            for (String secret : referencedSecrets(rendered)) {
                assertThat(provided.contains(secret) || credentialsSection.contains("`" + secret + "`"))
                        .as("Secret " + secret + " is rendered, or deploy/README.md's Credentials names it").isTrue();
            }
            for (ObjectNode configMap : rendered.ofKind("ConfigMap")) {
                configMap.path("data").fields().forEachRemaining(entry -> {
                    assertThat(entry.getKey()).as("ConfigMap key").doesNotMatch(CREDENTIAL);
                    assertThat(entry.getValue().asText()).as("ConfigMap " + entry.getKey()).doesNotMatch(CREDENTIAL_VALUE);
                });
            }
        }
        assertThat(referencedSecrets(renderBase())).containsExactlyInAnyOrder("project-service-mongodb", "cadre-service-mongodb",
                "reporting-service-mongodb", "project-service-kafka", "cadre-service-kafka", "reporting-service-kafka", "kafka-cluster-ca");
    }

    @Test
    void eachServiceUsesKafkaOverSaslAndTlsAsItsOwnUserAndNeverShowsHealthDetails() {
        for (Rendered rendered : List.of(renderBase(), renderOverlay())) {
            containers(rendered).forEach((name, container) -> {
                Map<String, String> environment = resolved(container, rendered.config());
                Map<String, String> kafka = ServiceEnvironment.kafkaProperties(environment);
                assertThat(kafka).as(name).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                        .containsEntry("ssl.truststore.type", "PEM");
                assertThat(kafka.get("sasl.jaas.config")).as(name).matches("secret:(" + name + "|" + name + "-kafka)/sasl\\.jaas\\.config");
                String truststore = kafka.get("ssl.truststore.location");
                assertThat(container.path("volumeMounts").toString()).as(name + " mounts the CA")
                        .contains("\"" + truststore.substring(0, truststore.lastIndexOf('/')) + "\"");
                assertThat(ServiceEnvironment.healthShowDetails(environment)).as(name).isEqualTo("never");
            });
        }
    }

    @Test
    void theExamplesKafkaUsersHaveTheAclsComposeGrants() {
        KafkaAcls compose = KafkaAcls.read();
        List<ObjectNode> users = renderOverlay().ofKind("KafkaUser");
        assertThat(users).extracting(u -> u.path("metadata").path("name").asText()).containsExactlyInAnyOrderElementsOf(compose.users());
        for (ObjectNode user : users) {
            String name = user.path("metadata").path("name").asText();
            assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            assertThat(user.path("spec").path("authorization").path("type").asText()).isEqualTo("simple");
            Set<String> rights = new TreeSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                String pattern = resource.path("patternType").asText();
                assertThat(pattern).isIn("literal", "prefix");
                acl.path("operations").forEach(op -> rights.add(resource.path("type").asText() + ":" + resource.path("name").asText()
                        + (pattern.equals("prefix") ? "*" : "") + ":" + op.asText()));
            }
            assertThat(rights).as(name).isEqualTo(compose.rightsOf(name));
        }
    }

    /** The container's variables with ConfigMap values filled in and Secrets as {@code secret:NAME/KEY}. */
    static Map<String, String> resolved(JsonNode container, Map<String, String> config) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            JsonNode from = variable.path("valueFrom");
            String value = from.has("configMapKeyRef") ? config.get(from.path("configMapKeyRef").path("key").asText())
                    : from.has("secretKeyRef") ? "secret:" + from.path("secretKeyRef").path("name").asText() + "/" + from.path("secretKeyRef").path("key").asText()
                    : variable.path("value").asText();
            environment.put(variable.path("name").asText(), value);
        }
        return environment;
    }

    private static Set<String> referencedSecrets(Rendered rendered) {
        Set<String> secrets = new TreeSet<>();
        for (ObjectNode deployment : rendered.ofKind("Deployment")) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            pod.path("containers").forEach(c -> c.path("env").forEach(v -> {
                if (v.path("valueFrom").has("secretKeyRef")) {
                    secrets.add(v.path("valueFrom").path("secretKeyRef").path("name").asText());
                }
            }));
            pod.path("volumes").forEach(v -> {
                if (v.has("secret")) {
                    secrets.add(v.path("secret").path("secretName").asText());
                }
            });
        }
        return secrets;
    }

    private static String readmeCredentials() {
        String readme = DeployFiles.read(DeployFiles.deploy("README.md"));
        int start = readme.indexOf("\n## Credentials");
        assertThat(start).as("deploy/README.md has a section Credentials").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }
}
