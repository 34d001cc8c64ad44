package cn.shuangcheng.bench;

import cn.shuangcheng.localstack.Stack;
import cn.shuangcheng.localstack.auth.DemoClients;
import cn.shuangcheng.localstack.http.Api;
import cn.shuangcheng.localstack.report.ReportingCatchUp;
import cn.shuangcheng.localstack.services.ServiceProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The measurements in order: a REST round on a small store (M1's small size for S, then a rebuild: S for M3), standing
 * backlogs seeded into the event store and published (M2, S for M2), a REST round on the grown store (M1, S for M1)
 * and a rebuild of everything (M3, M5 with the read models compared before and after), then every limit against the
 * same MongoDB server and Kafka broker, then M4 with M6 beside it, M7 from /proc.
 */
final class Measurements {

    private static final String EVENTS = StoreSeeder.EVENTS;
    private static final Duration DEADLINE = Duration.ofMinutes(30);

    /** One REST round and the rebuild after it: what M1, M3 and M5 measured, on a store of {@code storeSize}. */
    private record Round(RestLoad.Outcome writes, long storeSize, long replayed, double rebuiltPerSecond,
                         boolean readModelsEqual) {
    }

    private final Stack stack;
    private final Sizes sizes;
    private final List<Metric> results;
    private final String tag = Long.toString(System.currentTimeMillis(), 36);
    /** Each service's CPU and events when the measurements begin: M7 counts the work after the start only. */
    private final Map<Long, ProcessStats> atStart = new LinkedHashMap<>();
    private long eventsAtStart;

    Measurements(Stack stack, Sizes sizes, List<Metric> results) {
        this.stack = stack;
        this.sizes = sizes;
        this.results = results;
    }

    void run() throws Exception {
        Api writer = stack.api(Stack.PROJECT_SERVICE, DemoClients.ADMIN);
        Api reader = stack.api(Stack.REPORTING_SERVICE, DemoClients.READER);
        Rebuilds rebuilds = new Rebuilds(stack.api(Stack.REPORTING_SERVICE, DemoClients.ADMIN));
        RestLoad load = new RestLoad(writer, tag);
        int threads = sizes.concurrency();
        try (Topics topics = new Topics(stack.kafkaBootstrapServers());
             MongoLimits mongo = new MongoLimits(stack.mongoConnectionString());
             StoreSeeder seeder = new StoreSeeder(stack.mongoConnectionString(), Stack.PROJECT_DATABASE, tag)) {
            stack.services().forEach(s -> atStart.put(s.pid(), ProcessStats.of(s.pid())));
            eventsAtStart = mongo.count(Stack.PROJECT_DATABASE, EVENTS);
            // the services' JIT warms up on a tenth of a round first, or S for M1 would compare a cold JVM
            log("warm-up: " + sizes.restEvents() / 10 + " events through REST, not measured");
            load.saturate(Math.max(10, sizes.restEvents() / 10 / RestLoad.COMMANDS_PER_UNIT), sizes.concurrency());
            Round first = round(load, topics, mongo, reader, rebuilds);
            BacklogPublication publication = new BacklogPublication(seeder, topics, mongo,
                    service(Stack.PROJECT_SERVICE));
            List<BacklogPublication.Outcome> backlogs = new ArrayList<>();
            for (int events : sizes.backlogs()) {
                log("standing backlog of " + events + " events seeded into the store, published");
                backlogs.add(publication.publish(events));
            }
            long caughtUpFrom = System.nanoTime();
            ReportingCatchUp.Position caughtUp = awaitReporting();
            double catchUpSeconds = (System.nanoTime() - caughtUpFrom) / 1e9;
            Round last = round(load, topics, mongo, reader, rebuilds);
            long stored = mongo.count(Stack.PROJECT_DATABASE, EVENTS);

            log("limits: raw inserts into the same MongoDB server");
            int inserts = Math.max(500, Math.min(sizes.restEvents(), 20_000));
            MongoLimits.Figures insert = mongo.singleInserts(Stack.PROJECT_DATABASE, EVENTS, inserts, threads);
            log("limits: ProducerPerformance, ConsumerPerformance on the same broker");
            KafkaTools tools = new KafkaTools(stack.kafkaBootstrapServers());
            int partitions = topics.partitions(Stack.PROJECT_TOPIC);
            int recordBytes = topics.averageRecordBytes(Stack.PROJECT_TOPIC, 200);
            String producerTopic = "bench.producer-performance." + tag;
            topics.create(producerTopic, partitions);
            int produced = (int) Math.min(stored, 100_000);
            double producer = tools.producerRecordsPerSecond(producerTopic, produced, recordBytes);
            long onTopic = topics.records(Stack.PROJECT_TOPIC);
            double consumer = tools.consumerMessagesPerSecond(Stack.PROJECT_TOPIC, onTopic, "bench-consumer-" + tag);
            log("limits: raw bulk upserts of read-model documents");
            String readModel = mongo.largestCollection(Stack.REPORTING_DATABASE);
            MongoLimits.Figures upsert = mongo.bulkUpserts(Stack.REPORTING_DATABASE, readModel,
                    (int) Math.max(1_000, Math.min(last.replayed(), 200_000)), 500);
            double applyLimit = Math.min(consumer, upsert.perSecond());

            Map<String, Object> m1 = params("storeSize", last.storeSize(), "commands", last.writes().commands(),
                    "concurrency", threads, "mix", "per project: create, listing, one month's investment",
                    "limit", inserts + " single inserts of " + EVENTS + " copies (" + insert.averageBytes()
                            + " B JSON), same indexes, " + threads + " threads");
            results.add(Metric.of("M1 commands through REST", last.writes().perSecond(), "cmd/s",
                    insert.perSecond(), "inserts/s", m1));
            results.add(Metric.of("M1 command latency p50", last.writes().latencies().percentileMs(50), "ms",
                    insert.p50Ms(), "ms (insert p50)", m1));
            results.add(Metric.of("M1 command latency p99", last.writes().latencies().percentileMs(99), "ms",
                    insert.p99Ms(), "ms (insert p99)", m1));
            BacklogPublication.Outcome largest = backlogs.get(backlogs.size() - 1);
            results.add(Metric.of("M2 publication onto Kafka", largest.perSecond(), "events/s", producer,
                    "records/s", params("seeded", largest.seeded(), "seededPerSecond",
                            round(largest.seededPerSecond()), "standingBacklog", largest.standing(),
                            "drainSeconds", round(largest.drainSeconds()), "storeSize", largest.storeSize(),
                            "reportingCatchUpSeconds", round(catchUpSeconds), "reportingApplied", caughtUp.applied(),
                            "measured", "standing backlog (what was unpublished when the seeding ended) until all "
                                    + "on Kafka; reporting-service consumed meanwhile",
                            "limit", "ProducerPerformance acks=all idempotence " + produced + " records of "
                                    + recordBytes + " B, " + partitions + " partitions")));
            Map<String, Object> apply = params("consumerPerformance", round(consumer), "bulkUpserts",
                    round(upsert.perSecond()), "readModelCollection", readModel, "measured",
                    "POST /api/v1/admin/rebuilds until COMPLETED (a fresh generation from both topics' backlog)");
            results.add(Metric.of("M3 events applied into read models", last.rebuiltPerSecond(), "events/s",
                    applyLimit, "events/s (slower)", with(apply, "events", last.replayed())));

            steadyAndReads(load, reader, last.writes().perSecond() * 0.2, insert, tools);

            results.add(Metric.of("M5 rebuild", last.rebuiltPerSecond(), "events/s", applyLimit,
                    "events/s (slower)", with(with(with(apply, "events", last.replayed()), "readModelsEqual",
                            last.readModelsEqual()), "note", "the rebuild of M3: 1M events do not fit the run's "
                            + "30 minutes at this rate (Sizes)")));
            resources(stored);
            scale(first, last, backlogs);
        }
    }

    /** A REST round of the size's events, published, awaited by reporting, then a rebuild compared before and after. */
    private Round round(RestLoad load, Topics topics, MongoLimits mongo, Api reader, Rebuilds rebuilds)
            throws Exception {
        // reporting works off what came before (a seeded backlog) first, or the round would measure that too
        awaitReporting();
        long storeSize = mongo.count(Stack.PROJECT_DATABASE, EVENTS);
        log("round of " + sizes.restEvents() + " events through REST on a store of " + storeSize);
        RestLoad.Outcome writes = load.saturate(Math.max(1, sizes.restEvents() / RestLoad.COMMANDS_PER_UNIT),
                sizes.concurrency());
        long stored = mongo.count(Stack.PROJECT_DATABASE, EVENTS);
        Waiting.until("publication of " + stored + " events", DEADLINE, Duration.ofMillis(50),
                () -> topics.records(Stack.PROJECT_TOPIC) >= stored);
        awaitReporting();
        String before = readModels(reader);
        log("rebuild of the read models");
        double seconds = rebuilds.run();
        long replayed = topics.records(Stack.PROJECT_TOPIC) + topics.records(Stack.CADRE_TOPIC);
        boolean equal = Objects.equals(before, readModels(reader));
        return new Round(writes, storeSize, replayed, replayed / seconds, equal);
    }

    /**
     * Until reporting-service applied every stored event, within the run's deadline (local-stack's own wait gives up
     * after 5 minutes; reporting works off a seeded backlog more slowly, README "Performance").
     */
    private ReportingCatchUp.Position awaitReporting() throws InterruptedException {
        ReportingCatchUp.Position position = new ReportingCatchUp(Map.of("bootstrap.servers",
                stack.kafkaBootstrapServers()), stack.mongoConnectionString(), Stack.REPORTING_GROUP, List.of(
                new ReportingCatchUp.Source(Stack.PROJECT_DATABASE, Stack.PROJECT_TOPIC),
                new ReportingCatchUp.Source(Stack.CADRE_DATABASE, Stack.CADRE_TOPIC))).await(DEADLINE);
        log("reporting-service has applied all " + position.applied() + " events");
        return position;
    }

    /** M4 (a steady 20% of M1's rate, each project awaited in the read model) with M6's reads beside it. */
    private void steadyAndReads(RestLoad load, Api reader, double perSecond, MongoLimits.Figures insert,
                                KafkaTools tools) throws Exception {
        log("M6 idle reads, then M4 at " + Math.round(perSecond) + " cmd/s with M6's reads beside it");
        Reads idle = new Reads(reader).times(sizes.readsIdle());
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Reads> underLoad = CompletableFuture.supplyAsync(() -> new Reads(reader).until(stop));
        Latencies effect = new Latencies();
        ExecutorService pollers = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Void>> seen = new ArrayList<>();
        try {
            load.steady(sizes.steadyProjects(), perSecond, (id, answeredAt) -> seen.add(CompletableFuture.runAsync(
                    () -> {
                        Waiting.until("project " + id + " in the read model", Duration.ofMinutes(2),
                                Duration.ofMillis(5), () -> reader.get("/api/v1/projects/" + id).is(200));
                        effect.add(System.nanoTime() - answeredAt);
                    }, pollers)));
            CompletableFuture.allOf(seen.toArray(CompletableFuture[]::new)).join();
        } finally {
            stop.set(true);
            pollers.shutdownNow();
        }
        Reads loaded = underLoad.join();
        log("limits: EndToEndLatency on the same broker");
        double kafkaP99 = tools.endToEndP99Ms("bench.e2e-latency." + tag, sizes.kafkaLatencyRecords(), 1024);
        double limit = kafkaP99 + insert.p99Ms();
        Map<String, Object> m4 = params("projects", sizes.steadyProjects(), "ratePerSecond", round(perSecond),
                "endToEndLatencyP99Ms", kafkaP99, "insertP99Ms", round(insert.p99Ms()),
                "measured", "POST /api/v1/projects 2xx until GET /api/v1/projects/{id} on reporting-service is 200"
                        + " (polled every 5 ms)");
        results.add(Metric.of("M4 command to read model p50", effect.percentileMs(50), "ms", limit,
                "ms (Kafka e2e p99 + insert p99)", m4));
        results.add(Metric.of("M4 command to read model p99", effect.percentileMs(99), "ms", limit,
                "ms (Kafka e2e p99 + insert p99)", m4));
        results.add(Metric.of("M6 portfolio report p99 under M4 load", loaded.portfolio.percentileMs(99), "ms",
                idle.portfolio.percentileMs(99), "ms idle", params("path", Reads.PORTFOLIO, "readsUnderLoad",
                        loaded.portfolio.count(), "readsIdle", idle.portfolio.count())));
        results.add(Metric.of("M6 project list p99 under M4 load", loaded.projectList.percentileMs(99), "ms",
                idle.projectList.percentileMs(99), "ms idle", params("path", Reads.PROJECT_LIST, "readsUnderLoad",
                        loaded.projectList.count(), "readsIdle", idle.projectList.count())));
    }

    /**
     * M7: CPU-seconds of each service from the first measurement to the last (its start left out) per 10k events
     * stored by project-service in that time, and its peak RSS.
     */
    private void resources(long stored) {
        long events = stored - eventsAtStart;
        for (ServiceProcess service : stack.services()) {
            ProcessStats stats = ProcessStats.of(service.pid());
            double cpu = stats.cpuSeconds() - atStart.getOrDefault(service.pid(), new ProcessStats(0, 0)).cpuSeconds();
            Map<String, Object> p = params("events", events, "cpuSeconds", round(cpu), "note",
                    "/proc utime+stime over the measurements (every stage, limits' load included), start left out");
            results.add(Metric.reported("M7 " + service.spec().name() + " CPU per 10k events",
                    cpu * 10_000.0 / Math.max(1, events), "cpu-s", p));
            results.add(Metric.reported("M7 " + service.spec().name() + " peak RSS", stats.peakRssMb(), "MB",
                    params("note", "VmHWM of the service JVM")));
        }
    }

    /** S: the cost per event (1 / rate) at the largest size over that at the smallest, for M1-M3. */
    private void scale(Round first, Round last, List<BacklogPublication.Outcome> backlogs) {
        scaleLine("S M1 cost per command", first.writes().perSecond(), last.writes().perSecond(),
                "storeSize", first.storeSize(), last.storeSize());
        BacklogPublication.Outcome small = backlogs.get(0);
        BacklogPublication.Outcome large = backlogs.get(backlogs.size() - 1);
        scaleLine("S M2 cost per published event", small.perSecond(), large.perSecond(), "standingBacklog",
                small.standing(), large.standing());
        scaleLine("S M3 cost per applied event", first.rebuiltPerSecond(), last.rebuiltPerSecond(),
                "eventsOnTopics", first.replayed(), last.replayed());
    }

    private void scaleLine(String metric, double smallRate, double largeRate, String size, long small, long large) {
        double smallCostUs = 1e6 / smallRate;
        double largeCostUs = 1e6 / largeRate;
        results.add(Metric.of(metric, largeCostUs / smallCostUs, "x", 1.0, "x (flat)", params("size", size,
                "smallSize", small, "largeSize", large, "smallCostMicros", round(smallCostUs), "largeCostMicros",
                round(largeCostUs), "goal", "<= 1.5", "note", "1M does not fit the run's 30 minutes (Sizes)")));
    }

    private ServiceProcess service(String name) {
        return stack.services().stream().filter(s -> s.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the stack runs no " + name));
    }

    private String readModels(Api reader) {
        return reader.get(Reads.PORTFOLIO).raw() + "\n" + reader.get(Reads.PROJECT_LIST).raw();
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> with(Map<String, Object> params, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put(key, value);
        return copy;
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static void log(String what) {
        System.out.println("== bench: " + what);
    }
}
