package cn.shuangcheng.servicesupport.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One in-JVM MongoDB stand-in (mongo-java-server, memory backend) per test JVM, started on first use and stopped when
 * the JVM exits. Test classes share it and isolate themselves by database name ({@link #uniqueDatabaseName}).
 * <p>
 * It speaks the wire protocol to the real driver, but has no sessions or transactions and ignores non-unique
 * secondary indexes; unique indexes, compound ones included, are enforced.
 */
public final class SharedMongo {

    private static final AtomicLong DATABASE_COUNTER = new AtomicLong();

    private SharedMongo() {
    }

    /** A {@code mongodb://host:port} connection string for the shared server. */
    public static String connectionString() {
        return Holder.CONNECTION_STRING;
    }

    /** A database name no other test in this JVM uses, e.g. {@code eventstore_3_k2f9}. */
    public static String uniqueDatabaseName(String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return clean + "_" + DATABASE_COUNTER.incrementAndGet() + "_"
                + Long.toString(System.nanoTime() & 0xFFFFF, 36);
    }

    /** Initialisation-on-demand: the server starts the first time a test asks for it, exactly once. */
    private static final class Holder {
        private static final MongoServer SERVER = new MongoServer(new MemoryBackend());
        private static final String CONNECTION_STRING = start();

        private static String start() {
            String connectionString = SERVER.bindAndGetConnectionString();
            Runtime.getRuntime().addShutdownHook(new Thread(SERVER::shutdownNow, "shared-mongo-shutdown"));
            return connectionString;
        }
    }
}
