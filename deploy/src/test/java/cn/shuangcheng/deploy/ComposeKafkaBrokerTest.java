package cn.shuangcheng.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import kafka.server.KafkaConfig;

/**
 * compose.yaml's Kafka broker without Docker: its KAFKA_* variables turned into server.properties the way the
 * apache/kafka image does ("_" is ".", "__" is "_", "___" is "-"; deploy/README.md) are accepted by Kafka's own
 * KafkaConfig (listeners, protocols, SASL mechanisms and their cross-checks), every SASL listener has a JAAS login for
 * every mechanism it enables, and every JAAS line (the broker's, the services', the admin client's) parses.
 */
class ComposeKafkaBrokerTest {

    @Test
    void kafkaAcceptsTheBrokersSettingsAsTheImageWritesThem() {
        Properties properties = brokerProperties();
        // throws on a setting Kafka does not accept or that contradicts another
        KafkaConfig.fromProps(properties);
        assertThat(mechanisms(properties, properties.getProperty("inter.broker.listener.name"))).contains("SCRAM-SHA-512", "PLAIN");
        assertThat(protocols(properties).values()).allMatch(p -> p.startsWith("SASL_"));
        assertThat(properties.getProperty("authorizer.class.name")).isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(classExists(properties.getProperty("authorizer.class.name"))).isTrue();
    }

    @Test
    void theCheckCatchesAMisspeltSetting() {
        Properties properties = brokerProperties();
        properties.setProperty("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-256");
        assertThatThrownBy(() -> KafkaConfig.fromProps(properties)).hasMessageContaining("sasl.mechanism.inter.broker.protocol");
    }

    @Test
    void everySaslListenerHasALoginForEachMechanismItEnables() {
        Properties properties = brokerProperties();
        KafkaConfig.fromProps(properties);
        protocols(properties).forEach((listener, protocol) -> {
            for (String mechanism : mechanisms(properties, listener)) {
                String key = "listener.name." + listener.toLowerCase() + "." + mechanism.toLowerCase() + ".sasl.jaas.config";
                assertThat(properties.getProperty(key)).as(key).isNotBlank();
                AppConfigurationEntry login = login(properties.getProperty(key));
                assertThat(login.getLoginModuleName()).as(key).endsWith(mechanism.equals("PLAIN") ? "PlainLoginModule" : "ScramLoginModule");
                if (mechanism.equals("PLAIN")) {
                    // the broker's own client login and the one user PLAIN accepts: admin, with the same password
                    assertThat(options(login)).as(key).containsEntry("username", "admin")
                            .containsEntry("password", "secret-KAFKA_ADMIN_PASSWORD").containsEntry("user_admin", "secret-KAFKA_ADMIN_PASSWORD");
                }
            }
        });
        assertThat(properties.getProperty("listener.name.controller.sasl.enabled.mechanisms")).isEqualTo("PLAIN");
    }

    @Test
    void theServicesLoginsAndTheAdminClientsParse() {
        JsonNode services = ComposeFileTest.compose().path("services");
        for (String name : LiveServices.SERVICES) {
            Map<String, String> kafka = ServiceEnvironment.kafkaProperties(
                    ComposeTrustBoundariesTest.interpolated(services.path(name).path("environment")));
            AppConfigurationEntry login = login(kafka.get("sasl.jaas.config"));
            assertThat(options(login)).as(name).containsEntry("username", name)
                    .containsEntry("password", "secret-KAFKA_" + name.toUpperCase().replace('-', '_') + "_PASSWORD");
        }
        String adminClient = DeployFiles.read(DeployFiles.deploy("kafka/admin-client.sh"));
        String jaas = adminClient.substring(adminClient.indexOf("sasl.jaas.config=") + "sasl.jaas.config=".length());
        jaas = jaas.substring(0, jaas.indexOf('\n')).replace("${ADMIN_PASSWORD}", "secret-KAFKA_ADMIN_PASSWORD");
        assertThat(options(login(jaas))).containsEntry("username", "admin").containsEntry("password", "secret-KAFKA_ADMIN_PASSWORD");
        assertThat(adminClient).contains("security.protocol=SASL_PLAINTEXT", "sasl.mechanism=PLAIN");
        assertThat(services.path("kafka-init").path("environment").path("ADMIN_PASSWORD").asText()).startsWith("${KAFKA_ADMIN_PASSWORD:?");
        assertThat(services.path("kafka").path("environment").path("ADMIN_PASSWORD").asText()).startsWith("${KAFKA_ADMIN_PASSWORD:?");
    }

    /** server.properties as the apache/kafka image writes it from the broker's KAFKA_* variables. */
    static Properties brokerProperties() {
        Map<String, String> environment = ComposeTrustBoundariesTest.interpolated(
                ComposeFileTest.compose().path("services").path("kafka").path("environment"));
        Map<String, String> converted = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                String key = name.substring("KAFKA_".length()).toLowerCase()
                        .replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
                        .replace('\u0001', '-').replace('\u0002', '_');
                converted.put(key, value);
            }
        });
        Properties properties = new Properties();
        properties.putAll(converted);
        return properties;
    }

    private static AppConfigurationEntry login(String jaas) {
        // parsed as a Kafka client parses its sasl.jaas.config
        var entries = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas))).configurationEntries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static Map<String, String> options(AppConfigurationEntry login) {
        Map<String, String> options = new LinkedHashMap<>();
        login.getOptions().forEach((k, v) -> options.put(k, String.valueOf(v)));
        return options;
    }

    /** listener.security.protocol.map: protocol by listener name. */
    private static Map<String, String> protocols(Properties properties) {
        Map<String, String> protocols = new LinkedHashMap<>();
        for (String mapping : properties.getProperty("listener.security.protocol.map").split(",")) {
            protocols.put(mapping.split(":")[0], mapping.split(":")[1]);
        }
        return protocols;
    }

    /** The SASL mechanisms a listener enables: its own setting, else the broker's. */
    private static List<String> mechanisms(Properties properties, String listener) {
        String own = properties.getProperty("listener.name." + listener.toLowerCase() + ".sasl.enabled.mechanisms");
        return List.of((own != null ? own : properties.getProperty("sasl.enabled.mechanisms")).split(","));
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
