package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;

/**
 * How long tracking takes to read back a burst, on the in-JVM MongoDB stand-in (or on a real MongoDB: pass its
 * connection string as the first argument).
 * <p>
 * Run from the repository root:
 * <pre>
 * ./mvnw -q -pl service-support test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cn.shuangcheng.servicesupport.eventstore.TrackingBurstBenchmark
 * </pre>
 * For each burst size it writes the burst from 4 threads (10 events per aggregate; 10 events per append, i.e. one
 * command per aggregate, then 1 event per append, i.e. one command per event) and reports (1) the write time, (2) the time a tracker takes to read the finished burst from the start, and (3) the
 * time from the burst's start until a tracker that runs during the burst has read the last event.
 */
public final class TrackingBurstBenchmark {

    private static final int WRITER_THREADS = 4;
    private static final int EVENTS_PER_AGGREGATE = 10;

    private TrackingBurstBenchmark() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // The stand-in's server threads are not daemons: exit explicitly, also when the run failed.
        System.exit(status);
    }

    private static void run(String[] args) throws Exception {
        com.mongodb.client.MongoClient client = args.length > 0
                ? com.mongodb.client.MongoClients.create(args[0])
                : EventStoreTestSupport.client();
        int batchSize = Integer.getInteger("batchSize", EventStoreProperties.DEFAULT_BATCH_SIZE);
        System.out.printf("Tracking batch size %d, %d writer threads%n", batchSize, WRITER_THREADS);
        for (int eventsPerAppend : new int[]{10, 1}) {
            System.out.printf("-- %d event(s) per append%n", eventsPerAppend);
            for (int total : new int[]{1_000, 10_000}) {
                readBackAfterBurst(client, total, batchSize, eventsPerAppend);
                trackDuringBurst(client, total, batchSize, eventsPerAppend);
            }
        }
    }

    private static void readBackAfterBurst(com.mongodb.client.MongoClient client, int total, int batchSize,
                                           int eventsPerAppend) throws Exception {
        SequencedMongoEventStorageEngine engine = engine(client, "bench_after", batchSize);
        BurstWriter burst = new BurstWriter(engine, total / EVENTS_PER_AGGREGATE, EVENTS_PER_AGGREGATE,
                                            WRITER_THREADS, "after-", eventsPerAppend);
        long writeStart = System.nanoTime();
        burst.writeAll();
        long writeMillis = millisSince(writeStart);

        TrackingReader reader = new TrackingReader(engine);
        long readStart = System.nanoTime();
        while (reader.readAvailable() < total) {
            giveUpAfterTenMinutes(readStart, reader, total);
        }
        long readMillis = millisSince(readStart);
        System.out.printf("%,6d events: written in %,6d ms; read back from the start in %,6d ms (%s)%n",
                          total, writeMillis, readMillis, describe(reader, total));
    }

    private static void trackDuringBurst(com.mongodb.client.MongoClient client, int total, int batchSize,
                                         int eventsPerAppend) throws Exception {
        SequencedMongoEventStorageEngine engine = engine(client, "bench_during", batchSize);
        BurstWriter burst = new BurstWriter(engine, total / EVENTS_PER_AGGREGATE, EVENTS_PER_AGGREGATE,
                                            WRITER_THREADS, "during-", eventsPerAppend);
        TrackingReader reader = new TrackingReader(engine);
        ExecutorService pool = Executors.newFixedThreadPool(WRITER_THREADS);
        long start = System.nanoTime();
        List<Future<?>> writers = burst.start(pool);
        while (reader.readAvailable() < total) {
            giveUpAfterTenMinutes(start, reader, total);
        }
        long trackedMillis = millisSince(start);
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();
        System.out.printf("%,6d events: tracked while written, last event read %,6d ms after the burst began "
                          + "(writes done after %,d ms) (%s)%n",
                          total, trackedMillis, (burst.finishedAtNanos() - start) / 1_000_000,
                          describe(reader, total));
    }

    private static void giveUpAfterTenMinutes(long start, TrackingReader reader, int total) {
        if (millisSince(start) > 600_000) {
            throw new IllegalStateException("Tracking did not read the burst within 10 minutes: "
                                            + describe(reader, total));
        }
    }

    private static String describe(TrackingReader reader, int total) {
        long distinct = reader.received().stream().map(m -> m.getIdentifier()).distinct().count();
        GapAwareTrackingToken token = (GapAwareTrackingToken) reader.token();
        return String.format("received %d, distinct %d, token index %d, open gaps %d, most gaps on the way %d",
                             reader.received().size(), distinct, token == null ? -1 : token.getIndex(),
                             token == null ? 0 : token.getGaps().size(), reader.mostOpenGaps());
    }

    private static SequencedMongoEventStorageEngine engine(com.mongodb.client.MongoClient client, String prefix,
                                                           int batchSize) {
        return EventStoreTestSupport.engineOn(
                client.getDatabase(cn.shuangcheng.servicesupport.testing.SharedMongo.uniqueDatabaseName(prefix)))
                                    .batchSize(batchSize)
                                    .build();
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }
}
