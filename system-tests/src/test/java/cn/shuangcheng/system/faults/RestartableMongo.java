package cn.shuangcheng.system.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The MongoDB wire-protocol stand-in (mongo-java-server) with its data in one H2 MVStore file, on a fixed port: a
 * restart drops every connection, and the data written before it is there again afterwards, as with a mongod that
 * restarts. Like local-stack's {@code EmbeddedMongo}, which cannot be reused as a dependency ({@link RestartableKafka}
 * says why). A stand-in: no transactions, and its {@code findAndModify} is not atomic across connections.
 */
final class RestartableMongo implements AutoCloseable {

    private static final Duration SLOW_STOP = Duration.ofSeconds(15);

    private final Path storeFile;
    private final int port;
    private MongoServer server;

    RestartableMongo(Path storeFile, int port) {
        this.storeFile = storeFile;
        this.port = port;
    }

    String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    synchronized void start() throws java.io.IOException {
        if (server != null) {
            throw new IllegalStateException("the stand-in runs already");
        }
        Files.createDirectories(storeFile.getParent());
        server = new MongoServer(new H2Backend(storeFile.toString()));
        server.bind("127.0.0.1", port);
    }

    /**
     * Drops the connections and closes the backend, which writes the store's last changes to its file. The stand-in
     * ends only when its worker threads have finished the commands they run, so a stop can take long: its time is
     * printed, and a stop slower than {@link #SLOW_STOP} prints the stand-in's threads, to show what it waited for.
     */
    synchronized void stop() {
        if (server != null) {
            long started = System.nanoTime();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::shutdownNow);
            try {
                stopping.get(SLOW_STOP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException slow) {
                printThreads();
                stopping.join();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the stand-in did not stop cleanly", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the stand-in stopped", e);
            }
            server = null;
            System.out.println("fault suite: the MongoDB stand-in stopped in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        }
    }

    private static void printThreads() {
        StringBuilder threads = new StringBuilder("fault suite: the MongoDB stand-in is still stopping after "
                + SLOW_STOP.toSeconds() + " s; its threads:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("mongo-server") || thread.getName().startsWith("MVStore")) {
                threads.append(thread).append(' ').append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    threads.append("    at ").append(frame).append('\n');
                }
            }
        });
        System.out.println(threads);
    }

    @Override
    public void close() {
        stop();
    }
}
