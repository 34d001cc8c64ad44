package cn.shuangcheng.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A real Prometheus (Debian's package) with deploy/prometheus/prometheus.yml and its rules, and a real blackbox
 * exporter with deploy/blackbox/blackbox.yml. The only change to the production config is the address of each target:
 * {@code replacements} maps the host:port written in prometheus.yml (e.g. {@code project-service:9081}) to the one
 * to scrape here; every key must occur in the file, so a renamed target makes this fail instead of testing less.
 */
final class PrometheusRun implements AutoCloseable {

    static final String BLACKBOX_ADDRESS = "blackbox-exporter:9115";

    private final Path directory;
    private final List<Process> processes = new ArrayList<>();
    private final List<com.sun.net.httpserver.HttpServer> proxies = new ArrayList<>();
    private final Map<String, String> addresses = new java.util.LinkedHashMap<>();
    private final int port;

    private PrometheusRun(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** @param targets host:port in prometheus.yml to host:port here (the blackbox exporter's is added) */
    static PrometheusRun start(Map<String, String> targets, String name) {
        try {
            Path directory = DeployFiles.deploy("target/" + name);
            deleteRecursively(directory);
            Files.createDirectories(directory.resolve("rules"));
            int blackboxPort = LiveServices.freePort();
            PrometheusRun run = new PrometheusRun(directory, LiveServices.freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(run::close, name + "-stop"));
            boolean textFormatOnly = !supportsExemplarsOnEverySeries();
            for (Map.Entry<String, String> target : targets.entrySet()) {
                run.addresses.put(target.getKey(), textFormatOnly ? run.textFormatProxy(target.getValue()) : target.getValue());
            }
            String config = DeployFiles.read(DeployFiles.deploy("prometheus/prometheus.yml"));
            Map<String, String> replacements = new java.util.LinkedHashMap<>(run.addresses);
            replacements.put(BLACKBOX_ADDRESS, "127.0.0.1:" + blackboxPort);
            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                if (!config.contains(replacement.getKey())) {
                    throw new AssertionError("prometheus.yml has no target " + replacement.getKey());
                }
                config = config.replace(replacement.getKey(), replacement.getValue());
            }
            Files.writeString(directory.resolve("prometheus.yml"), config);
            for (Path rules : Queries.ruleFiles()) {
                Files.copy(rules, directory.resolve("rules").resolve(rules.getFileName()));
            }
            run.launch("blackbox-exporter", List.of(Tools.blackboxExporter().toString(),
                    "--config.file=" + DeployFiles.deploy("blackbox/blackbox.yml"),
                    "--web.listen-address=127.0.0.1:" + blackboxPort));
            run.launch("prometheus", List.of(Tools.prometheus().toString(),
                    "--config.file=" + directory.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + directory.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + run.port,
                    "--web.enable-lifecycle"));
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where prometheus.yml's {@code host:port} points in this run (the service, or its text-format proxy). */
    String address(String configured) {
        return addresses.get(configured);
    }

    /**
     * Prometheus before 2.43 drops a whole scrape that has an exemplar on a summary's {@code _count}, which Micrometer
     * writes in the OpenMetrics format since 1.12 when tracing is on (prometheus/prometheus#11984). Debian 12's
     * package is 2.42; compose.yaml runs 3.5, which reads them.
     */
    static boolean supportsExemplarsOnEverySeries() {
        Tools.Result version = Tools.run(List.of(Tools.prometheus().toString(), "--version"), DeployFiles.deploy(), null, 30);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("version (\\d+)\\.(\\d+)").matcher(version.output());
        if (!m.find()) {
            throw new AssertionError("Cannot read the version of prometheus: " + version.output());
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 2 || (major == 2 && minor >= 43);
    }

    /**
     * For such a Prometheus: a pass-through to {@code target} that asks /actuator/prometheus for the Prometheus text
     * format 0.0.4 (which has no exemplars) whatever Prometheus accepts, and passes other requests (the blackbox
     * exporter's readiness probes) as they come; status, content type and body are the target's own, so a target
     * that is down or not ready looks the same through it.
     */
    private String textFormatProxy(String target) throws IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                java.net.http.HttpResponse<byte[]> response;
                try {
                    String accept = exchange.getRequestURI().getPath().equals("/actuator/prometheus")
                            ? "text/plain;version=0.0.4;charset=utf-8"
                            : exchange.getRequestHeaders().getFirst("Accept");
                    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                                    URI.create("http://" + target + exchange.getRequestURI()))
                            .timeout(java.time.Duration.ofSeconds(10)).GET();
                    if (accept != null) {
                        request.header("Accept", accept);
                    }
                    response = PROXY_CLIENT.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException | InterruptedException e) {
                    exchange.sendResponseHeaders(502, -1);
                    return;
                }
                response.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().set("Content-Type", t));
                byte[] body = response.body();
                exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
            }
        });
        server.start();
        proxies.add(server);
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static final java.net.http.HttpClient PROXY_CLIENT = java.net.http.HttpClient.newHttpClient();

    private void launch(String name, List<String> command) throws IOException {
        processes.add(new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile()).start());
    }

    Path log(String name) {
        return directory.resolve(name + ".log");
    }

    /** GET on Prometheus' HTTP API; the answer's {@code data}, or an AssertionError naming the error. */
    JsonNode api(String path, Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((k, v) -> query.append(query.isEmpty() ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            var response = LiveServices.get(URI.create("http://127.0.0.1:" + port + path + query), "application/json");
            JsonNode body = DeployFiles.JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new AssertionError(path + " " + parameters + " answered " + response.statusCode() + ": " + response.body());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once Prometheus answers (its processes still run, or this fails with their logs). */
    boolean answers() {
        for (Process process : processes) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus or the blackbox exporter exited:\n"
                        + LiveServices.tail(log("prometheus")) + "\n" + LiveServices.tail(log("blackbox-exporter")));
            }
        }
        try {
            return LiveServices.get(URI.create("http://127.0.0.1:" + port + "/-/ready"), null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        proxies.forEach(p -> p.stop(0));
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
