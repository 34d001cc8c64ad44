package cn.shuangcheng.localstack.services;

import cn.shuangcheng.testsupport.ChildJvm;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A service of the local stack running as a child process ({@code java -Xmx… -jar <fat jar>}, {@link ChildJvm}), its
 * output appended to a log file in the data directory. Child JVMs rather than one shared JVM: each service is started
 * exactly as it ships, with its own class path, configuration and heap, and a crash of one does not take the others
 * down.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ServiceSpec spec;
    private final ChildJvm jvm;

    private ServiceProcess(ServiceSpec spec, ChildJvm jvm) {
        this.spec = spec;
        this.jvm = jvm;
    }

    public static ServiceProcess start(ServiceSpec spec, String heap, Path logDir) throws IOException {
        try {
            return new ServiceProcess(spec, ChildJvm.of(spec.name(), spec.jar())
                    .jvmOptions(List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                            "-Dfile.encoding=UTF-8"))
                    .environment(spec.environment())
                    .log(logDir.resolve(spec.name() + ".log")).appendLog(true)
                    .start());
        } catch (IllegalStateException noJar) {
            throw new IllegalStateException(noJar.getMessage() + " - build it first (./mvnw -B -DskipTests install, "
                    + "which local-stack/run.sh does)", noJar);
        }
    }

    /**
     * Waits until the management port answers the readiness probe with 200; fails at once when the process exits,
     * and with the log's path when the deadline passes.
     */
    public void awaitReady(Duration deadline) {
        jvm.awaitReady(URI.create(spec.readinessUrl()), deadline);
    }

    public ServiceSpec spec() {
        return spec;
    }

    public Path log() {
        return jvm.log();
    }

    public long pid() {
        return jvm.pid();
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** SIGSTOP: the service stands still, its connections open (the benchmark holds the publication back with it). */
    public void pause() {
        jvm.pause();
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        jvm.resume();
    }

    /** Completes with the exit code when the process exits, however it ends. */
    public CompletableFuture<Integer> onExit() {
        return jvm.onExit();
    }

    /** Asks the service to stop (SIGTERM: Spring's graceful shutdown), then forces it after a grace period. */
    @Override
    public void close() {
        jvm.stop(STOP_GRACE);
    }
}
