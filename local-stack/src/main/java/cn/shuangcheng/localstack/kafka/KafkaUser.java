package cn.shuangcheng.localstack.kafka;

import java.util.Arrays;
import java.util.Locale;

/**
 * A user of the broker with {@code --kafka-sasl}: the super user, each service, and an intake system. Named after
 * what logs in as it, so that a service's user is found from the service's name.
 */
public enum KafkaUser {
    ADMIN, PROJECT_SERVICE, CADRE_SERVICE, REPORTING_SERVICE, INTAKE_SYSTEM;

    /** The principal's name, e.g. {@code project-service} (the broker's ACLs say {@code User:project-service}). */
    public String principal() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The user the service of that name (e.g. {@code cadre-service}) logs in as. */
    public static KafkaUser ofService(String service) {
        return Arrays.stream(values()).filter(user -> user.principal().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka user for the service " + service));
    }
}
