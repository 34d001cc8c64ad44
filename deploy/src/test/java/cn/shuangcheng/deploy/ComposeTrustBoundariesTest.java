package cn.shuangcheng.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * compose.yaml's trust boundaries (issue 13): nothing on the host's network but the loopback, MongoDB and Kafka
 * authenticating every client, one MongoDB user per service with its own database only, Kafka ACLs by which only
 * the owner writes an event topic, and every credential a variable that must be set, never a default.
 */
class ComposeTrustBoundariesTest {

    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}} ... as Compose interpolates them. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(:?[-?+])?([^}]*)}");
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(".*(PASSWORD|_KEY|SECRET|TOKEN).*");
    private static final List<String> APP_SERVICES = LiveServices.SERVICES;

    @Test
    void everyPortOnTheHostIsBoundToTheLoopbackOnly() {
        JsonNode services = ComposeFileTest.compose().path("services");
        Set<String> published = new LinkedHashSet<>();
        services.fields().forEachRemaining(service -> service.getValue().path("ports").forEach(port -> {
            assertThat(port.isTextual()).as(service.getKey() + " " + port + " in short syntax").isTrue();
            assertThat(port.asText()).as(service.getKey() + " publishes " + port + " on the loopback only").startsWith("127.0.0.1:");
            published.add(service.getKey());
        }));
        for (String name : APP_SERVICES) {
            String api = services.path(name).path("environment").path("PORT").asText();
            assertThat(services.path(name).path("ports").toString()).as(name + "'s API").contains("\"127.0.0.1:" + api + ":" + api + "\"");
        }
        assertThat(published).as("nothing else reaches the host").containsExactlyInAnyOrder(
                "project-service", "cadre-service", "reporting-service", "prometheus", "grafana");
    }

    @Test
    void everyCredentialIsARequiredVariableAndNeverHasADefault() {
        String text = DeployFiles.read(DeployFiles.deploy("compose.yaml"));
        Set<String> credentials = new LinkedHashSet<>();
        Matcher variable = VARIABLE.matcher(text);
        while (variable.find()) {
            if (CREDENTIAL_NAME.matcher(variable.group(1)).matches()) {
                assertThat(variable.group(2)).as(variable.group() + " must be required (:?), without a default").isEqualTo(":?");
                credentials.add(variable.group(1));
            }
        }
        assertThat(credentials).containsExactlyInAnyOrder("GRAFANA_ADMIN_PASSWORD",
                "MONGO_ROOT_PASSWORD", "MONGO_REPLICA_SET_KEY", "MONGO_PROJECT_SERVICE_PASSWORD",
                "MONGO_CADRE_SERVICE_PASSWORD", "MONGO_REPORTING_SERVICE_PASSWORD",
                "KAFKA_ADMIN_PASSWORD", "KAFKA_PROJECT_SERVICE_PASSWORD", "KAFKA_CADRE_SERVICE_PASSWORD",
                "KAFKA_REPORTING_SERVICE_PASSWORD", "KAFKA_INTAKE_SYSTEM_PASSWORD");
        // where a secret is handed over, it is one of those variables, never a literal
        ComposeFileTest.compose().path("services").fields().forEachRemaining(service ->
                service.getValue().path("environment").fields().forEachRemaining(entry -> {
                    String where = service.getKey() + " " + entry.getKey();
                    String value = entry.getValue().asText();
                    if (CREDENTIAL_NAME.matcher(entry.getKey()).matches()) {
                        assertThat(value).as(where).matches("\\$\\{[A-Z0-9_]+:\\?[^}]*}");
                    }
                    Matcher password = Pattern.compile("(password=\"|user_[a-z]+=\"|mongodb://[^:/@]+:)([^\"@]*)").matcher(value);
                    while (password.find()) {
                        assertThat(password.group(2)).as(where).matches("\\$\\{[A-Z0-9_]+:\\?[^}]*}");
                    }
                }));
    }

    @Test
    void mongoDbAuthenticatesEveryClientAndEachServiceHasAUserForItsOwnDatabaseOnly() {
        JsonNode services = ComposeFileTest.compose().path("services");
        for (String member : List.of("mongo1", "mongo2", "mongo3")) {
            JsonNode service = services.path(member);
            assertThat(service.path("command").toString()).as(member).contains("\"--keyFile\"", "with-key-file.sh");
            assertThat(service.path("environment").path("MONGO_INITDB_ROOT_PASSWORD").asText()).startsWith("${MONGO_ROOT_PASSWORD:?");
            assertThat(service.path("environment").path("MONGO_REPLICA_SET_KEY").asText()).startsWith("${MONGO_REPLICA_SET_KEY:?");
        }
        assertThat(DeployFiles.read(DeployFiles.deploy("mongo/with-key-file.sh")))
                .contains("chmod 400", "exec docker-entrypoint.sh \"$@\"");

        String script = DeployFiles.read(DeployFiles.deploy("mongo/init-replica-set.js"));
        Map<String, String> databaseOfUser = new LinkedHashMap<>();
        Map<String, String> passwordOfUser = new LinkedHashMap<>();
        Matcher user = Pattern.compile("\\{ user: \"([a-z-]+)\", db: \"([a-z-]+)\", password: \"([A-Z_]+)\" }").matcher(script);
        while (user.find()) {
            databaseOfUser.put(user.group(1), user.group(2));
            passwordOfUser.put(user.group(1), user.group(3));
        }
        assertThat(script).contains("const roles = [{ role: \"readWrite\", db: service.db }];", "updateUser(service.user",
                "createUser({ user: service.user, pwd: password, roles: roles })");
        assertThat(script.split("role:", -1)).as("readWrite is the only role anyone is given").hasSize(2);
        JsonNode init = services.path("mongo-init").path("environment");
        assertThat(init.path("MONGO_ROOT_PASSWORD").asText()).startsWith("${MONGO_ROOT_PASSWORD:?");

        assertThat(databaseOfUser.keySet()).containsExactlyInAnyOrderElementsOf(APP_SERVICES);
        for (String name : APP_SERVICES) {
            JsonNode environment = services.path(name).path("environment");
            String variable = "MONGO_" + name.toUpperCase().replace('-', '_') + "_PASSWORD";
            assertThat(databaseOfUser.get(name)).as(name + "'s user may use its database").isEqualTo(environment.path("MONGODB_DATABASE").asText());
            assertThat(init.path(passwordOfUser.get(name)).asText()).as("mongo-init sets " + name + "'s password").startsWith("${" + variable + ":?");
            assertThat(environment.path("MONGODB_URI").asText()).as(name + " connects as its own user")
                    .startsWith("mongodb://" + name + ":${" + variable + ":?");
        }
    }

    @Test
    void kafkaAuthenticatesOnEveryListenerAndDeniesWhatNoAclAllows() {
        JsonNode services = ComposeFileTest.compose().path("services");
        JsonNode broker = services.path("kafka").path("environment");
        for (String mapping : broker.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText().split(",")) {
            assertThat(mapping.split(":")[1]).as(mapping).startsWith("SASL_");
        }
        for (String listener : broker.path("KAFKA_LISTENERS").asText().split(",")) {
            assertThat(broker.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText()).as(listener)
                    .contains(listener.substring(0, listener.indexOf(':')) + ":SASL_");
        }
        assertThat(broker.path("KAFKA_SASL_ENABLED_MECHANISMS").asText()).contains("SCRAM-SHA-512");
        assertThat(broker.path("KAFKA_AUTHORIZER_CLASS_NAME").asText()).isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(broker.path("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asText()).isEqualTo("false");
        assertThat(broker.path("KAFKA_SUPER_USERS").asText()).isEqualTo("User:admin");
        assertThat(services.path("kafka").path("healthcheck").path("test").toString()).contains("--command-config");

        JsonNode init = services.path("kafka-init");
        assertThat(init.path("command").toString()).contains("create-topics.sh", "create-users-and-acls.sh");
        KafkaAcls acls = KafkaAcls.read();
        for (String user : acls.users()) {
            String variable = "KAFKA_" + user.toUpperCase().replace('-', '_') + "_PASSWORD";
            assertThat(init.path("environment").toString()).as(user + "'s password").contains("${" + variable + ":?");
        }
    }

    @Test
    void onlyTheOwnerWritesEachTopicAndReportingOnlyReads() {
        KafkaAcls acls = KafkaAcls.read();
        assertThat(acls.users()).containsExactlyInAnyOrder("project-service", "cadre-service", "reporting-service", "intake-system");
        assertThat(acls.principals("shuangcheng.project.events.v1", "Write")).containsExactly("project-service");
        assertThat(acls.principals("shuangcheng.cadre.events.v1", "Write")).containsExactly("cadre-service");
        assertThat(acls.principals("shuangcheng.intake.submissions.v1", "Write")).containsExactly("intake-system");
        assertThat(acls.principals("shuangcheng.intake.rejections.v1", "Write")).containsExactly("project-service");
        assertThat(acls.principals("shuangcheng.reporting.dlq.v1", "Write")).containsExactly("reporting-service");
        assertThat(acls.principals("shuangcheng.project.events.v1", "Read")).containsExactly("reporting-service");
        assertThat(acls.principals("shuangcheng.cadre.events.v1", "Read")).containsExactly("reporting-service");
        assertThat(acls.principals("shuangcheng.intake.submissions.v1", "Read")).containsExactly("project-service");
        assertThat(acls.rightsOf("reporting-service")).containsExactlyInAnyOrder(
                "topic:shuangcheng.project.events.v1:Read", "topic:shuangcheng.project.events.v1:Describe",
                "topic:shuangcheng.cadre.events.v1:Read", "topic:shuangcheng.cadre.events.v1:Describe",
                "group:reporting-service:Read",
                "topic:shuangcheng.reporting.dlq.v1:Write", "topic:shuangcheng.reporting.dlq.v1:Describe");
        assertThat(acls.grants()).as("no grant on every topic or group")
                .noneMatch(g -> g.resource().equals("*") || g.prefixed() && g.resourceType().equals("topic"));
        assertThat(acls.grants()).as("no cluster-wide right").allMatch(g -> g.resourceType().matches("topic|group"));
    }

    @Test
    void eachServiceConnectsToKafkaAsItsOwnScramUser() {
        JsonNode services = ComposeFileTest.compose().path("services");
        for (String name : APP_SERVICES) {
            Map<String, String> kafka = ServiceEnvironment.kafkaProperties(interpolated(services.path(name).path("environment")));
            String variable = "KAFKA_" + name.toUpperCase().replace('-', '_') + "_PASSWORD";
            assertThat(kafka).as(name).containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
            assertThat(kafka.get("sasl.jaas.config")).as(name).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required ")
                    .contains("username=\"" + name + "\"", "password=\"secret-" + variable + "\"").endsWith(";");
        }
    }

    @Test
    void theServicesNeverShowHealthDetails() {
        JsonNode services = ComposeFileTest.compose().path("services");
        for (String name : APP_SERVICES) {
            assertThat(DeployFiles.read(DeployFiles.root().resolve(name + "/src/main/resources/application.yml")))
                    .as("the services' own default").contains("show-details: never");
            assertThat(ServiceEnvironment.healthShowDetails(interpolated(services.path(name).path("environment"))))
                    .as(name).isEqualTo("never");
        }
    }

    /** A service's environment as Compose hands it over: a required variable becomes secret-NAME, a default its value. */
    static Map<String, String> interpolated(JsonNode environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        environment.fields().forEachRemaining(entry -> {
            Matcher variable = VARIABLE.matcher(entry.getValue().asText());
            StringBuilder value = new StringBuilder();
            while (variable.find()) {
                String replacement = ":?".equals(variable.group(2)) ? "secret-" + variable.group(1) : variable.group(3);
                variable.appendReplacement(value, Matcher.quoteReplacement(replacement));
            }
            variable.appendTail(value);
            variables.put(entry.getKey(), value.toString());
        });
        return variables;
    }
}
