package cn.shuangcheng.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.shuangcheng.servicesupport.testing.SharedKafka;
import cn.shuangcheng.testsupport.ChildJvm;
import cn.shuangcheng.servicesupport.testing.SharedMongo;
import cn.shuangcheng.support.testing.TestTokens;

/**
 * The three services started from the jars the build packaged ({@code <module>/target/<module>-<version>.jar}), as
 * child processes configured by environment variables the way compose.yaml and the Kubernetes manifests configure
 * them, against this JVM's Kafka broker and MongoDB stand-in. Each gets a free API and management port; logs go to
 * deploy/target/live-services/.
 */
final class LiveServices implements AutoCloseable {

    static final List<String> SERVICES = List.of("project-service", "cadre-service", "reporting-service");
    static final Duration START_DEADLINE = Duration.ofMinutes(4);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One running service. */
    record Service(String name, ChildJvm jvm, int port, int managementPort) {
        Path log() {
            return jvm.log();
        }

        URI api(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        URI management(String path) {
            return URI.create("http://127.0.0.1:" + managementPort + path);
        }
    }

    private final Map<String, Service> services = new LinkedHashMap<>();

    static LiveServices start() {
        LiveServices live = new LiveServices();
        Runtime.getRuntime().addShutdownHook(new Thread(live::close, "live-services-stop"));
        try {
            String kafka = SharedKafka.bootstrapServers();
            String mongo = SharedMongo.connectionString();
            Path logs = DeployFiles.deploy("target/live-services");
            Files.createDirectories(logs);
            for (String name : SERVICES) {
                live.services.put(name, launch(name, kafka, mongo, logs));
            }
            live.awaitReady();
            return live;
        } catch (IOException e) {
            live.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            live.close();
            throw e;
        }
    }

    private static Service launch(String name, String kafka, String mongo, Path logs) throws IOException {
        Path jar = jar(name);
        int port = freePort();
        int managementPort = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("MONGODB_URI", mongo);
        env.put("MONGODB_DATABASE", SharedMongo.uniqueDatabaseName(name));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION", TestTokens.publicKeyLocation());
        env.put("SHUANGCHENG_SECURITY_ISSUER", TestTokens.ISSUER);
        env.put("SHUANGCHENG_SECURITY_AUDIENCE", TestTokens.AUDIENCE);
        env.put("SHUANGCHENG_PUBLICATION_PARTITIONS", "3");
        ChildJvm jvm = ChildJvm.of(name, jar).jvmOptions(List.of("-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1")).environment(env).directory(logs).log(logs.resolve(name + ".log")).start();
        return new Service(name, jvm, port, managementPort);
    }

    static Path jar(String module) {
        String version = System.getProperty("shuangcheng.version", "0.1.0-SNAPSHOT");
        Path jar = DeployFiles.root().resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: these checks start the packaged services; run them with"
                    + " `mvn verify` from the repository's root (or package the services first)");
        }
        return jar;
    }

    /** Waits for each service in turn; they start side by side, so one START_DEADLINE covers them all. */
    private void awaitReady() {
        Deque<Service> starting = new ArrayDeque<>(services.values());
        Waiting.until("every service ready", START_DEADLINE, Duration.ofMillis(500), () -> {
            while (!starting.isEmpty() && ready(starting.peek())) {
                starting.remove();
            }
            return starting.isEmpty();
        }, () -> starting.peek().name() + " is not ready; its log ends:\n" + tail(starting.peek().log()));
    }

    /** Whether the service is ready; an IOException while it is not listening yet, an exception if it exited. */
    private static boolean ready(Service service) throws IOException {
        return service.jvm().isReady(service.management("/actuator/health/readiness"));
    }

    /** Whether the readiness probe on this management port answers 200; an IOException while nothing listens there. */
    static boolean ready(int managementPort) throws IOException {
        return get(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"), null).statusCode() == 200;
    }

    Service service(String name) {
        return services.get(name);
    }

    List<Service> all() {
        return List.copyOf(services.values());
    }

    /** The service's /actuator/prometheus in the Prometheus text format 0.0.4. */
    String scrape(String name) {
        try {
            HttpResponse<String> response = get(service(name).management("/actuator/prometheus"), "text/plain;version=0.0.4");
            if (response.statusCode() != 200) {
                throw new AssertionError(name + " /actuator/prometheus answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> get(URI uri, String accept) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int freePort() {
        return ChildJvm.freePort();
    }

    @Override
    public synchronized void close() {
        // all at once, then each waited for: they stop side by side
        services.values().forEach(service -> service.jvm().requestStop());
        services.values().forEach(service -> service.jvm().close());
    }
}
