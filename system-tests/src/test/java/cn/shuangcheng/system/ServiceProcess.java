package cn.shuangcheng.system;

import cn.shuangcheng.testsupport.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service started from the jar the build packaged ({@code <module>/target/<module>-<version>.jar}) in a process of
 * its own ({@link ChildJvm}), on free ports, configured by environment variables and arguments as an operator would;
 * its output goes to {@code system-tests/target/services/<module>.log}. It can be killed and started again on the
 * same ports, as a supervisor restarts a pod.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    final String module;
    final int port;
    final int managementPort;
    private final ChildJvm jvm;
    /** How it was started, so that {@link #restart()} starts the same service again, as a supervisor would. */
    private final Launch launch;

    private record Launch(String module, Map<String, String> environment, List<String> arguments,
                          List<String> jvmOptions, String logName) {
    }

    private ServiceProcess(int port, int managementPort, ChildJvm jvm, Launch launch) {
        this.module = launch.module();
        this.port = port;
        this.managementPort = managementPort;
        this.jvm = jvm;
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
        if (jvm.isAlive()) {
            throw new IllegalStateException(module + " still runs: kill it first");
        }
        return launch(launch, port, managementPort, true);
    }

    /** @param again a restart, whose output goes after the earlier run's in the same log */
    private static ServiceProcess launch(Launch launch, int port, int managementPort, boolean again) {
        String module = launch.module();
        Path jar = moduleDirectory(module).resolve("target").resolve(module + "-" + version() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build's package phase first (mvn verify)");
        }
        List<String> jvmOptions = new ArrayList<>(launch.jvmOptions());
        jvmOptions.add("-XX:+UseSerialGC");
        try {
            ChildJvm jvm = ChildJvm.of(module, jar).jvmOptions(jvmOptions).arguments(launch.arguments())
                    .environment(launch.environment())
                    .environment(Map.of("PORT", Integer.toString(port),
                            "MANAGEMENT_PORT", Integer.toString(managementPort)))
                    .log(moduleDirectory("system-tests").resolve("target/services/" + launch.logName() + ".log"))
                    .appendLog(again)
                    .start();
            ServiceProcess service = new ServiceProcess(port, managementPort, jvm, launch);
            jvm.awaitReady(service.management("/actuator/health/readiness"), START_DEADLINE);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the process is still running (a worker's death must not take it down). */
    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGKILL, as an OOM killer or a node failure ends a pod: no shutdown hook, nothing flushed. */
    public void kill() {
        jvm.kill();
    }

    /** SIGSTOP: every thread stands still, as in a long GC pause or a frozen VM; {@link #resume()} ends it. */
    public void pause() {
        jvm.pause();
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        jvm.resume();
    }

    /** The service's threads appended to its log: what a test that waited in vain leaves for whoever reads why. */
    public void dumpThreads(String why) {
        jvm.dumpThreads(why);
    }

    /** What the service wrote to its console so far. */
    List<String> logLines() {
        return jvm.logLines();
    }

    public URI api(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    /** SIGTERM: Boot shuts down gracefully, flushing the spans it still holds; forced after 30 s. */
    @Override
    public void close() {
        jvm.stop(STOP_GRACE);
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
        return ChildJvm.freePort();
    }
}
