package cn.shuangcheng.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A service's jar run in a JVM of its own ({@code java <options> -jar <jar> <arguments>}), configured by environment
 * variables as an operator configures a container, its console written to a log file. The local stack runs the
 * services this way, and the system tests and deploy checks start them so: each with its own class path, configuration
 * and heap, and a crash (or a SIGKILL) of one does not take the others down.
 * <p>
 * Everything a caller does with the process goes through here: waiting for readiness with a deadline (failing at once
 * when the process exits, with the log's last lines), a graceful stop (SIGTERM, forced after a grace period), SIGKILL,
 * SIGSTOP / SIGCONT, a thread dump into the log.
 */
public record ChildJvm(String name, Process process, Path log) implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** @param name what the messages call it, e.g. {@code project-service} */
    public static ChildJvmLaunch of(String name, Path jar) {
        return new ChildJvmLaunch(name, jar);
    }

    /** This JVM's own {@code java}, so that a child runs on the same Java as its parent. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A port free at the time of asking, for a child's API or management port, and never one this JVM handed out
     * before: a port asked for right after another was closed can be the same one again, and two children then fight
     * over it.
     */
    public static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Whether {@code readiness} answers 200 now.
     *
     * @throws IllegalStateException when the process has exited, with the end of its log
     * @throws IOException           while nothing listens there yet
     */
    public boolean isReady(URI readiness) throws IOException {
        return probe(readiness).statusCode() == 200;
    }

    private HttpResponse<String> probe(URI readiness) throws IOException {
        requireAlive(); // first: once it has exited nothing listens, and the IOException would only be retried
        try {
            return HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** @throws IllegalStateException when the process has exited, with its exit code and the end of its log */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue()
                    + "; its log " + log + " ends:" + tail(40));
        }
    }

    /**
     * Waits until {@code readiness} answers 200.
     *
     * @throws IllegalStateException at once when the process exits, or when the deadline passes, with the log's end
     */
    public void awaitReady(URI readiness, Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < until) {
            try {
                HttpResponse<String> answer = probe(readiness);
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body(); // e.g. 503 {"status":"OUT_OF_SERVICE"}
            } catch (IOException e) {
                last = e.toString();
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(name + ": interrupted while waiting for it to be ready", e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + deadline + " (" + readiness + ": " + last
                + "); its log " + log + " ends:" + tail(40));
    }

    /** The last {@code lines} lines of the log, on lines of their own; empty when it cannot be read. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return System.lineSeparator() + String.join(System.lineSeparator(),
                    all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    public List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the process exits, however it ends. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** SIGTERM without waiting: to stop several children side by side, then {@link #stop} each. */
    public void requestStop() {
        process.destroy();
    }

    /**
     * SIGTERM (Spring's graceful shutdown), then SIGKILL when it has not ended within {@code grace}; processes it
     * started itself (the local stack's services) and left behind are killed too.
     */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** SIGKILL, as an OOM killer or a node failure ends a pod: no shutdown hook, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 30 s");
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

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The child's threads, as {@code jcmd <pid> Thread.print} prints them, appended to its log: what a test that
     * waited in vain leaves for whoever reads why.
     */
    public void dumpThreads(String why) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            byte[] threads = dump.getInputStream().readAllBytes();
            dump.waitFor(30, TimeUnit.SECONDS);
            Files.write(log, ("\n==== thread dump: " + why + " ====\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.APPEND);
            Files.write(log, threads, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A graceful stop with a 30-second grace. */
    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }
}
