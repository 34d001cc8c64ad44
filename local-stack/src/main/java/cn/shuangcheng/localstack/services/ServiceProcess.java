package cn.shuangcheng.localstack.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service running as a child process ({@code java -Xmx… -jar <fat jar>}), its output appended to a log file in the
 * data directory. Child JVMs rather than one shared JVM: each service is started exactly as it ships, with its own
 * class path, configuration and heap, and a crash of one does not take the others down.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ServiceSpec spec;
    private final Process process;
    private final Path log;

    private ServiceProcess(ServiceSpec spec, Process process, Path log) {
        this.spec = spec;
        this.process = process;
        this.log = log;
    }

    public static ServiceProcess start(ServiceSpec spec, String heap, Path logDir) throws IOException {
        if (!Files.isRegularFile(spec.jar())) {
            throw new IllegalStateException(spec.name() + ": no jar at " + spec.jar() + " - build it first "
                    + "(mvn -B -DskipTests install, which local-stack/run.sh does)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(spec.name() + ".log");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + heap, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-jar", spec.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(spec.environment());
        Files.writeString(log, System.lineSeparator() + "=== local-stack starts " + spec.name() + ": "
                + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new ServiceProcess(spec, builder.start(), log);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Waits until the management port answers the readiness probe with 200; fails at once when the process exits,
     * and with the log's path when the deadline passes.
     */
    public void awaitReady(Duration deadline) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(spec.readinessUrl())).timeout(Duration.ofSeconds(5))
                .GET().build();
        long until = System.nanoTime() + deadline.toNanos();
        String lastAnswer = "no answer yet";
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited with code " + process.exitValue()
                        + " before it was ready; its log: " + log + tail());
            }
            try {
                HttpResponse<String> answer = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                lastAnswer = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                lastAnswer = e.toString();
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException(spec.name() + " was not ready within " + deadline + " (" + spec.readinessUrl()
                + ": " + lastAnswer + "); its log: " + log + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return System.lineSeparator() + "--- last lines of " + log.getFileName() + " ---" + System.lineSeparator()
                    + String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    public ServiceSpec spec() {
        return spec;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the process exits, however it ends. */
    public java.util.concurrent.CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Asks the service to stop (SIGTERM: Spring's graceful shutdown), then forces it after a grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
