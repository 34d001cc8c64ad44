package cn.shuangcheng.localstack.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server in this JVM (mongo-java-server) whose data lives in one H2 MVStore file in the data
 * directory, so the event stores, tokens and read models survive a restart. It is a stand-in: no sessions or
 * transactions, non-unique secondary indexes ignored (docs/architecture.md, "The MongoDB stand-in"); deploy/ runs real
 * MongoDB.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final String connectionString;

    private EmbeddedMongo(MongoServer server, String connectionString) {
        this.server = server;
        this.connectionString = connectionString;
    }

    public static EmbeddedMongo start(Path storeFile, int port) throws IOException {
        Files.createDirectories(storeFile.getParent());
        H2Backend backend = new H2Backend(storeFile.toString());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            backend.close();
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + " for MongoDB (is a mongod or "
                    + "another local stack running? choose another port with --mongo-port)", e);
        }
        return new EmbeddedMongo(server, "mongodb://127.0.0.1:" + port);
    }

    public String connectionString() {
        return connectionString;
    }

    /** Closes the connections and the backend, which writes the H2 store's last changes to its file. */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
