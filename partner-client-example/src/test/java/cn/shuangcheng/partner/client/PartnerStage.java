package cn.shuangcheng.partner.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import cn.shuangcheng.localstack.auth.DevAuthorizationServer;
import cn.shuangcheng.localstack.http.ClientCredentials;
import cn.shuangcheng.localstack.services.ServiceProcess;
import cn.shuangcheng.localstack.services.ServiceSpec;
import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a partner finds on the local stack, set up for one test JVM: the development authorization server (local-stack's
 * own, with the README's demo clients), the shared Kafka broker and MongoDB stand-in of service-support's test-jar, and
 * project-service and reporting-service started from the jars the build packaged, configured as the local stack
 * configures them (local-stack's {@link ServiceProcess}). Services as processes rather than in this JVM: each runnable
 * jar nests its classes under {@code BOOT-INF/} and carries its own {@code application.yml}, so two of them cannot share
 * one class path; their logs go to {@code target/services/}.
 */
final class PartnerStage implements AutoCloseable {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static final Duration START_DEADLINE = Duration.ofMinutes(3);
    private static final String HEAP = "384m";

    private final DevAuthorizationServer issuer;
    private final List<ServiceProcess> services = new ArrayList<>();
    private ServiceSpec projectService;
    private ServiceSpec reportingService;

    private PartnerStage(DevAuthorizationServer issuer) {
        this.issuer = issuer;
    }

    static PartnerStage start() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path keyFile = Files.createTempDirectory(target, "issuer-").resolve("signing-key.json");
        PartnerStage stage = new PartnerStage(DevAuthorizationServer.start(freePort(), keyFile));
        try {
            stage.startServices(target.resolve("services"));
            return stage;
        } catch (Exception | Error e) {
            stage.close();
            throw e;
        }
    }

    private void startServices(Path logs) throws Exception {
        // the contract's topic names, as kafka-init creates them for a deployment (reporting-service creates none)
        SharedKafka.createTopic("shuangcheng.project.events.v1", 3);
        SharedKafka.createTopic("shuangcheng.cadre.events.v1", 1);
        SharedKafka.createTopic("shuangcheng.reporting.dlq.v1", 1);
        projectService = spec("project-service", Map.of("SHUANGCHENG_INTAKE_KAFKAENABLED", "false"));
        reportingService = spec("reporting-service", Map.of());
        for (ServiceSpec spec : List.of(projectService, reportingService)) {
            services.add(ServiceProcess.start(spec, HEAP, logs));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(START_DEADLINE);
        }
    }

    private ServiceSpec spec(String module, Map<String, String> extra) {
        int port = freePort();
        int managementPort = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(port));
        env.put("MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("MONGODB_URI", SharedMongo.connectionString());
        env.put("MONGODB_DATABASE", SharedMongo.uniqueDatabaseName(module));
        env.put("KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers());
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer.issuer());
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", issuer.jwkSetUri());
        env.put("SHUANGCHENG_SECURITY_AUDIENCE", DevAuthorizationServer.AUDIENCE);
        env.put("MANAGEMENT_ENDPOINT_HEALTH_SHOWDETAILS", "always");
        env.putAll(extra);
        return new ServiceSpec(module, jar(module), port, managementPort, env);
    }

    /** {@code <module>/target/<module>-<version>.jar}: this module's siblings, packaged earlier in the reactor. */
    private static Path jar(String module) {
        String version = System.getProperty("shuangcheng.version");
        if (version == null) {
            throw new IllegalStateException("shuangcheng.version is not set (surefire sets it from the pom)");
        }
        return Path.of("").toAbsolutePath().resolveSibling(module).resolve("target")
                .resolve(module + "-" + version + ".jar");
    }

    /** An access token from the issuer's token endpoint, as the README's curl gets one. */
    String clientCredentialsToken(String clientId, String secret, String scope) {
        return new ClientCredentials(HttpClient.newHttpClient(), JsonMapper.builder().build(),
                issuer.tokenEndpoint(), clientId, secret, scope).accessToken();
    }

    /** The generated project-service client, pointed at the running service, sending the token on every call. */
    cn.shuangcheng.partner.client.projects.ApiClient projectServiceClient(String token) {
        cn.shuangcheng.partner.client.projects.ApiClient client = new cn.shuangcheng.partner.client.projects.ApiClient();
        client.updateBaseUri(projectService.baseUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    /** The generated reporting-service client, likewise. */
    cn.shuangcheng.partner.client.reporting.ApiClient reportingServiceClient(String token) {
        cn.shuangcheng.partner.client.reporting.ApiClient client =
                new cn.shuangcheng.partner.client.reporting.ApiClient();
        client.updateBaseUri(reportingService.baseUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        issuer.close();
    }

    /** Never one handed out before by this stage: two free ports asked for in a row can be the same one. */
    private static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
