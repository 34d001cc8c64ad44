package cn.shuangcheng.localstack.services;

import java.nio.file.Path;
import java.util.Map;

/**
 * One service as the launcher starts it: its module (and so its jar), its ports and the environment that points it at
 * the embedded Kafka, MongoDB and issuer.
 */
public record ServiceSpec(String name, Path jar, int port, int managementPort, Map<String, String> environment) {

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String readinessUrl() {
        return "http://127.0.0.1:" + managementPort + "/actuator/health/readiness";
    }
}
