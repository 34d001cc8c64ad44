package cn.shuangcheng.system.faults;

import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The MongoDB wire-protocol stand-in (mongo-java-server) with its data in one H2 MVStore file, on a fixed port: a
 * restart drops every connection, and the data written before it is there again afterwards, as with a mongod that
 * restarts. Like local-stack's {@code EmbeddedMongo}, which cannot be reused as a dependency ({@link RestartableKafka}
 * says why). A stand-in: no transactions, and its {@code findAndModify} is not atomic across connections.
 */
final class RestartableMongo implements AutoCloseable {

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

    /** Drops the connections and closes the backend, which writes the store's last changes to its file. */
    synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
