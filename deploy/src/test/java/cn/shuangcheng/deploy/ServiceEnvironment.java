package cn.shuangcheng.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * What a service makes of the environment variables a deployment (compose.yaml, the Kubernetes manifests) gives it,
 * by Spring Boot's own relaxed binding: a variable is read when the service's application.yml names it in a
 * placeholder, or when it binds to a property the services read as a whole (their Kafka client settings
 * {@code shuangcheng.kafka.properties}, which every Kafka client of the services takes, and
 * {@code management.endpoint.health.show-details}). A misspelt variable binds to nothing and is reported unread.
 */
final class ServiceEnvironment {

    static final String KAFKA_PROPERTIES = "shuangcheng.kafka.properties";
    static final String SHOW_DETAILS = "management.endpoint.health.show-details";

    private ServiceEnvironment() {
    }

    /** Spring Boot's view of these variables, as if they were the process's environment. */
    static Binder binder(Map<String, String> variables) {
        // only a source named systemEnvironment gets the environment variables' relaxed names
        SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables));
        return new Binder(ConfigurationPropertySources.from(source));
    }

    /** The Kafka client settings ({@code shuangcheng.kafka.properties}) the variables give the service. */
    static Map<String, String> kafkaProperties(Map<String, String> variables) {
        return binder(variables).bind(KAFKA_PROPERTIES, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }

    static String healthShowDetails(Map<String, String> variables) {
        return binder(variables).bind(SHOW_DETAILS, String.class).orElse(null);
    }

    /** The topic settings a service binds as properties (no placeholder), with the services that have them. */
    private static final Map<String, List<String>> TOPIC_SETTINGS = Map.of(
            "shuangcheng.publication.partitions", List.of("project-service", "cadre-service"),
            "shuangcheng.publication.replication-factor", List.of("project-service", "cadre-service"),
            "shuangcheng.publication.min-insync-replicas", List.of("project-service", "cadre-service"),
            "shuangcheng.intake.replication-factor", List.of("project-service"),
            "shuangcheng.intake.min-insync-replicas", List.of("project-service"));

    private static boolean bindsTopicSetting(String service, String variable) {
        return TOPIC_SETTINGS.entrySet().stream().anyMatch(setting -> setting.getValue().contains(service)
                && "x".equals(binder(Map.of(variable, "x")).bind(setting.getKey(), String.class).orElse(null)));
    }

    /** The variables the service's configuration does not read. */
    static List<String> unread(String service, Collection<String> variables) {
        String config = DeployFiles.read(DeployFiles.root().resolve(service + "/src/main/resources/application.yml"));
        List<String> unread = new ArrayList<>();
        for (String name : variables) {
            boolean placeholder = config.contains("${" + name + ":") || config.contains("${" + name + "}");
            boolean relaxedBinding = name.equals("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")
                    || bindsTopicSetting(service, name)
                    || !kafkaProperties(Map.of(name, "x")).isEmpty()
                    || config.contains("show-details:") && "x".equals(healthShowDetails(Map.of(name, "x")));
            if (!placeholder && !relaxedBinding) {
                unread.add(name);
            }
        }
        return unread;
    }
}
