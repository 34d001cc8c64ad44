package cn.shuangcheng.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service started from the jar the build packaged ({@code <module>/target/<module>-<version>.jar}) in a process of
 * its own, on free ports, configured by environment variables and arguments as an operator would; its output goes to
 * {@code system-tests/target/services/<module>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START_DEADLINE = Duration.ofMinutes(3);

    final String module;
    final int port;
    final int managementPort;
    private final Process process;
    private final Path log;
    /** How it was started, so that {@link #restart()} starts the same service again, as a supervisor would. */
    private final Launch launch;

    private record Launch(String module, Map<String, String> environment, List<String> arguments,
                          List<String> jvmOptions, String logName) {
    }

    private ServiceProcess(int port, int managementPort, Process process, Path log, Launch launch) {
        this.module = launch.module();
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
        this.launch = launch;
    }

    /** Starts the service and returns once its readiness probe answers 200. */
    static ServiceProcess start(String module, Map<String, String> environment, List<String> arguments) {
        return start(module, environment, arguments, List.of("-Xmx384m"));
    }

    /** @param jvmOptions the heap and other JVM options, as an operator sets them for a container */
    public static ServiceProcess start(String module, Map<String, String> environment, List<String> arguments,
                                       List<String> jvmOptions) {
        return start(module, module, environment, arguments, jvmOptions);
    }

    /**
     * @param logName the log file's name without {@code .log}: two instances of one module need two
     */
    public static ServiceProcess start(String module, String logName, Map<String, String> environment,
                                       List<String> arguments, List<String> jvmOptions) {
        return launch(new Launch(module, Map.copyOf(environment), List.copyOf(arguments), List.copyOf(jvmOptions),
                logName), freePort(), freePort(), false);
    }

    /** The same service started again on the same ports (after {@link #kill()}), once it is ready. */
    public ServiceProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(module + " still runs: kill it first");
        }
        return launch(launch, port, managementPort, true);
    }

    /** @param again a restart, whose output goes after the earlier run's in the same log */
    private static ServiceProcess launch(Launch launch, int port, int managementPort, boolean again) {
        String module = launch.module();
        Map<String, String> environment = launch.environment();
        List<String> arguments = launch.arguments();
        List<String> jvmOptions = launch.jvmOptions();
        Path jar = moduleDirectory(module).resolve("target").resolve(module + "-" + version() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build's package phase first (mvn verify)");
        }
        try {
            Path logs = moduleDirectory("system-tests").resolve("target/services");
            Files.createDirectories(logs);
            Path log = logs.resolve(launch.logName() + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-XX:+UseSerialGC", "-jar", jar.toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(again ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
            ServiceProcess service = new ServiceProcess(port, managementPort, builder.start(), log, launch);
            service.awaitReady();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(management("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(module + " not ready within " + START_DEADLINE + "; see " + log);
    }

    /** Whether the process is still running (a worker's death must not take it down). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as an OOM killer or a node failure ends a pod: no shutdown hook, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(module + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGSTOP: every thread stands still, as in a long GC pause or a frozen VM; {@link #resume()} ends it. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The service's threads, as {@code jcmd <pid> Thread.print} prints them, appended to its log: what a test that
     * waited in vain leaves for whoever reads why.
     */
    public void dumpThreads(String why) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            byte[] threads = dump.getInputStream().readAllBytes();
            dump.waitFor(30, TimeUnit.SECONDS);
            Files.write(log, ("\n==== thread dump: " + why + " ====\n").getBytes(),
                    java.nio.file.StandardOpenOption.APPEND);
            Files.write(log, threads, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the service wrote to its console so far. */
    List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI api(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: Boot shuts down gracefully, flushing the spans it still holds
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The directory of one of the build's modules (the suites run in system-tests/, the services are siblings). */
    public static Path moduleDirectory(String module) {
        // failsafe runs in system-tests/; the services are its siblings
        return Path.of("").toAbsolutePath().resolveSibling(module);
    }

    private static String version() {
        String version = System.getProperty("shuangcheng.version");
        if (version == null) {
            throw new IllegalStateException("shuangcheng.version is not set (failsafe sets it from the pom)");
        }
        return version;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
