package cn.shuangcheng.bench;

import cn.shuangcheng.localstack.DataDirectory;
import cn.shuangcheng.localstack.Stack;
import cn.shuangcheng.localstack.StackOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bench/run.sh: starts the stack as local-stack does (the file-backed MongoDB stand-in, the in-JVM Kafka broker, the
 * three services as processes), runs every measurement of {@link Measurements} with each limit measured against the
 * same servers in the same run, prints one table and writes the results file.
 *
 * <p>With {@code --mongodb-uri} and {@code --kafka} the services and every limit run against a MongoDB and a Kafka of
 * the caller's instead (the databases shuangcheng-projects, -cadres, -reporting and the two event topics: use a
 * server set aside for it; the run adds its projects, under keys of its own, to what is there).
 *
 * <p>With {@code --in-memory} the MongoDB stand-in runs in its in-memory form (mongo-java-server's memory backend, in
 * this JVM) instead of the file-backed H2 one local-stack uses, to tell the stand-in's storage costs from the rest.
 *
 * <pre>java -cp ... cn.shuangcheng.bench.BenchSuite [--quick|--smoke] [--in-memory] [--out=FILE] [--previous=FILE]
 *     [--mongodb-uri=URI] [--kafka=BOOTSTRAP]</pre>
 */
public final class BenchSuite {

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        String size = "full";
        Path repository = Path.of("").toAbsolutePath();
        Path out = null;
        Path previous = null;
        String mongoUri = null;
        String kafka = null;
        boolean inMemory = false;
        for (String arg : args) {
            if (arg.equals("--quick") || arg.equals("--smoke") || arg.equals("--full")) {
                size = arg.substring(2);
            } else if (arg.equals("--in-memory")) {
                inMemory = true;
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring(6)).toAbsolutePath();
            } else if (arg.startsWith("--previous=")) {
                previous = Path.of(arg.substring(11)).toAbsolutePath();
            } else if (arg.startsWith("--mongodb-uri=")) {
                mongoUri = arg.substring(14);
            } else if (arg.startsWith("--kafka=")) {
                kafka = arg.substring(8);
            } else if (arg.startsWith("--repository=")) {
                repository = Path.of(arg.substring(13)).toAbsolutePath();
            } else {
                System.err.println("unknown argument " + arg
                        + "\nusage: BenchSuite [--quick|--smoke|--full] [--in-memory] [--out=FILE] [--previous=FILE] [--mongodb-uri=URI]"
                        + " [--kafka=HOST:PORT,...]");
                System.exit(2);
            }
        }
        // before anything logs: the launcher's log (local-stack's logback.xml) goes beside the run's data; by default
        // it would go into the repository's local-data/, which local-stack/run.sh then refuses as not its own
        System.setProperty("localstack.log-dir", repository.resolve("target/bench/logs").toString());
        if (inMemory && mongoUri != null) {
            System.err.println("--in-memory and --mongodb-uri exclude each other");
            System.exit(2);
        }
        Sizes sizes = Sizes.of(size);
        MongoServer memory = null;
        if (inMemory) {
            memory = new MongoServer(new MemoryBackend());
            memory.bind("127.0.0.1", 0);
            mongoUri = "mongodb://127.0.0.1:" + memory.getLocalAddress().getPort();
        }
        if (out == null) {
            out = repository.resolve("target/bench/results.json");
        }
        Path data = repository.resolve("target/bench/stack");
        StackOptions options = StackOptions.parse(new String[]{"--fresh", "--no-demo-data",
                "--repository=" + repository, "--data-dir=" + data, "--kafka-port=0", "--kafka-controller-port=0",
                "--mongo-port=0", "--auth-port=0", "--project-port=0", "--project-management-port=0",
                "--cadre-port=0", "--cadre-management-port=0", "--reporting-port=0",
                "--reporting-management-port=0"}, System.getenv(), repository);
        List<Metric> results = new ArrayList<>();
        long began = System.nanoTime();
        try (Stack stack = new Stack(options, DataDirectory.prepare(options.dataDir(), true), System.out)
                .external(mongoUri, kafka)) {
            stack.start();
            new Measurements(stack, sizes, results).run();
        } finally {
            if (memory != null) {
                memory.shutdownNow();
            }
        }
        if (previous != null && Files.exists(previous)) {
            ResultsFile.compareResources(results, ResultsFile.read(previous));
        }
        Files.createDirectories(out.getParent());
        ResultsFile.write(out, results);
        System.out.println();
        System.out.print(ResultsFile.table(results));
        System.out.printf("%n%s run (%s) in %.0f s; results in %s%n", size, Map.of(
                "REST rounds of events", sizes.restEvents(), "mongo", inMemory ? "in-memory stand-in"
                        : mongoUri == null ? "file-backed stand-in" : "external", "backlogs", sizes.backlogs(),
                "concurrency", sizes.concurrency()),
                // relative to the repository: a printed table is committed under bench/results/
                (System.nanoTime() - began) / 1e9, out.startsWith(repository) ? repository.relativize(out) : out);
        // the stack's non-daemon threads (Kafka, the stand-in) are closed; the tools' may linger
        System.exit(0);
    }
}
