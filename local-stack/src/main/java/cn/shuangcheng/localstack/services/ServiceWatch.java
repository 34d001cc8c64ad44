package cn.shuangcheng.localstack.services;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the service processes of the stack as a supervisor (systemd, Kubernetes) would. When one dies while the
 * stack runs, it says so at once with the exit code and the log; with {@code --restart-on-failure} it starts the
 * service again after a back-off (1 s, doubling, at most 30 s), and gives up on a service that died
 * {@link #MAX_RESTARTS} times within {@link #RESTART_WINDOW} (a crash loop a restart does not cure: the log says
 * why). Without the option it says how to restart it by hand.
 */
public final class ServiceWatch implements AutoCloseable {

    static final int MAX_RESTARTS = 5;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(10);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final boolean restartOnFailure;
    private final String heap;
    private final Path logDir;
    private final Duration startDeadline;
    private final Consumer<String> out;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Instant>> deaths = new ConcurrentHashMap<>();
    private final ScheduledExecutorService restarts = Executors.newScheduledThreadPool(3, r -> {
        Thread thread = new Thread(r, "local-stack-restarts");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    public ServiceWatch(boolean restartOnFailure, String heap, Path logDir, Duration startDeadline,
                        Consumer<String> out) {
        this.restartOnFailure = restartOnFailure;
        this.heap = heap;
        this.logDir = logDir;
        this.startDeadline = startDeadline;
        this.out = out;
    }

    /** Starts a service (not yet awaited: see {@link #watch}). */
    public ServiceProcess start(ServiceSpec spec) throws IOException {
        ServiceProcess service = ServiceProcess.start(spec, heap, logDir);
        services.add(service);
        return service;
    }

    /** From now on, the death of {@code service} is reported (and with the option, the service restarted). */
    public void watch(ServiceProcess service) {
        service.onExit().thenAccept(code -> {
            if (!closing) {
                died(service, code);
            }
        });
    }

    private void died(ServiceProcess service, int exitCode) {
        String name = service.spec().name();
        out.accept("!! " + name + " has exited with code " + exitCode + "; its log: " + service.log());
        if (!restartOnFailure) {
            out.accept("   The rest of the stack keeps running. To restart " + name + ", stop the stack (Ctrl-C) and "
                    + "start it again with local-stack/run.sh --no-build (the data stays), or start the stack with "
                    + "--restart-on-failure and the launcher restarts a service that dies.");
            return;
        }
        int recent = recordDeath(name);
        if (recent > MAX_RESTARTS) {
            out.accept("!! " + name + " died " + recent + " times within " + RESTART_WINDOW.toMinutes()
                    + " minutes: not restarting it again (a crash loop a restart does not cure); see its log.");
            return;
        }
        long delay = Math.min(MAX_DELAY.toMillis(), 1000L << (recent - 1));
        out.accept("   restarting " + name + " in " + delay + " ms (restart " + recent + " of at most " + MAX_RESTARTS
                + " within " + RESTART_WINDOW.toMinutes() + " minutes) …");
        restarts.schedule(() -> restart(service), delay, TimeUnit.MILLISECONDS);
    }

    private synchronized int recordDeath(String name) {
        Deque<Instant> times = deaths.computeIfAbsent(name, n -> new ArrayDeque<>());
        Instant now = Instant.now();
        times.addLast(now);
        while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
            times.removeFirst();
        }
        return times.size();
    }

    private void restart(ServiceProcess dead) {
        if (closing) {
            return;
        }
        String name = dead.spec().name();
        try {
            ServiceProcess again = ServiceProcess.start(dead.spec(), heap, logDir);
            services.remove(dead);
            services.add(again);
            watch(again);
            again.awaitReady(startDeadline);
            out.accept("   " + name + " is ready again (pid " + again.pid() + ").");
        } catch (IOException | RuntimeException e) {
            out.accept("!! restarting " + name + " failed: " + e.getMessage());
        }
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** Stops watching: what exits from now on is being stopped on purpose. */
    @Override
    public void close() {
        closing = true;
        restarts.shutdownNow();
    }
}
