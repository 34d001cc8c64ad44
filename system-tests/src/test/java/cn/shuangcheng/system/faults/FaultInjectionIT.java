package cn.shuangcheng.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import cn.shuangcheng.system.ServiceProcess;

/**
 * The fault-injection suite: project-service and reporting-service run from their jars as processes, on a Kafka broker
 * and a file-backed MongoDB stand-in that the suite stops and starts, while a steady stream of REST commands and
 * intake batches flows ({@link LoadStream}). Each scenario injects one kind of fault into its own stream, waits for
 * the system to settle and reconciles exactly ({@link SystemAudit}); it prints one line ({@link FaultLine}) and
 * appends it to {@code target/faults.txt}. A final audit checks every stream again after all the faults.
 * <p>
 * {@code -Dfaults.scale=ci} (the default, what {@code mvn verify} runs) streams {@value #CI_PROJECTS} projects
 * ({@value LoadStream#COMMANDS_PER_PROJECT} commands each) per scenario through three faults; {@code full}
 * ({@code bench/faults.sh}) streams {@code faults.projects} (default {@value #FULL_PROJECTS}) through every fault;
 * {@code -Dfaults.only=<part of a scenario's name>} runs only the scenarios whose name contains it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionIT {

    private static final int CI_PROJECTS = 10;
    private static final int FULL_PROJECTS = 100;
    private static final boolean FULL = "full".equals(System.getProperty("faults.scale", "ci"));
    private static final int PROJECTS = Integer.getInteger("faults.projects", FULL ? FULL_PROJECTS : CI_PROJECTS);
    private static final int BATCH_ROWS = Math.max(5, PROJECTS / 2);
    private static final Duration STREAM = Duration.ofMinutes(FULL ? 20 : 6);
    private static final Duration SETTLE = Duration.ofMinutes(3);

    private final List<StreamLedger> ledgers = new ArrayList<>();
    private final Path faultsFile = ServiceProcess.moduleDirectory("system-tests").resolve("target/faults.txt");
    private FaultStack stack;
    private MongoClient mongo;
    private SystemAudit audit;
    private EventStoreView store;
    private final IntakeBatches intake = new IntakeBatches();

    @BeforeAll
    void start() throws Exception {
        Files.deleteIfExists(faultsFile);
        stack = new FaultStack();
        stack.start();
        mongo = MongoClients.create(stack.mongo.connectionString());
        audit = new SystemAudit(mongo, FaultStack.PROJECT_DATABASE, stack.kafka::bootstrapServers,
                FaultStack.PROJECT_TOPIC, stack::projectApis, stack::reportingApis);
        store = new EventStoreView(mongo, FaultStack.PROJECT_DATABASE);
    }

    @AfterAll
    void stop() {
        if (mongo != null) {
            mongo.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> faults() {
        List<DynamicTest> scenarios = new ArrayList<>();
        scenarios.add(scenario("sigkill project-service at 50%", s -> killAndRestart(s, stack.projectServices, 0.5)));
        if (FULL) {
            scenarios.add(scenario("sigkill project-service at 20/50/80%",
                    s -> killAndRestart(s, stack.projectServices, 0.2, 0.5, 0.8)));
            scenarios.add(scenario("sigkill reporting-service at 20/50/80%",
                    s -> killAndRestart(s, stack.reportingServices, 0.2, 0.5, 0.8)));
        }
        scenarios.add(scenario("kafka restart while publishing", this::kafkaRestartWhilePublishing));
        if (FULL) {
            scenarios.add(scenario("kafka restart while consuming", s -> {
                s.awaitEnd();
                restartKafka();
            }));
        }
        scenarios.add(scenario("mongo restart during commands", this::mongoRestartDuringCommands));
        if (FULL) {
            scenarios.add(scenario("mongo restart during projection", s -> {
                s.awaitEnd();
                stack.mongo.stop();
                startMongo();
            }));
            scenarios.add(scenario("pause project-service > gap timeout", this::pauseProjectService));
            scenarios.add(scenario("two instances, one killed in a batch", this::killOneOfTwoDuringBatch));
        }
        String only = System.getProperty("faults.only", "");
        scenarios.removeIf(scenario -> !scenario.getDisplayName().contains(only));
        scenarios.add(DynamicTest.dynamicTest("every stream reconciles after all faults", this::finalAudit));
        return scenarios.stream();
    }

    // ---- the faults ----

    private void killAndRestart(Running s, List<ServiceProcess> slots, double... at) {
        for (double fraction : at) {
            s.awaitProgress(fraction);
            stack.kill(slots, 0);
            stack.restart(slots, 0);
        }
    }

    private void kafkaRestartWhilePublishing(Running s) {
        s.awaitProgress(0.5);
        stack.kafka.stop();
        int acknowledged = s.ledger.acknowledged.get();
        // commands go on while the broker is away: their events wait in the store for the publication
        s.awaitUntil("commands acknowledged while Kafka is down",
                () -> s.ledger.acknowledged.get() >= acknowledged + Math.max(5, s.ledger.planned / 10));
        restartKafka();
    }

    private void mongoRestartDuringCommands(Running s) {
        s.awaitProgress(0.5);
        stack.mongo.stop();
        int failed = s.ledger.failedAttempts.get();
        s.awaitUntil("a command failing while MongoDB is down", () -> s.ledger.failedAttempts.get() > failed);
        startMongo();
    }

    /** SIGSTOP of one of two instances in the middle of the stream, for longer than the gap timeout. */
    private void pauseProjectService(Running s) {
        s.awaitProgress(0.5);
        ServiceProcess paused = stack.projectServices.get(0);
        long pausedAt = System.nanoTime();
        paused.pause();
        try {
            Duration pause = Duration.parse("PT" + FaultStack.GAP_TIMEOUT).plusSeconds(5);
            s.awaitUntil("the pause outlasting the gap timeout", () -> System.nanoTime() - pausedAt > pause.toNanos());
        } finally {
            paused.resume();
        }
    }

    /** With two instances of each service: one project-service dies while it processes an intake batch. */
    private void killOneOfTwoDuringBatch(Running s) {
        URI first = stack.projectServices.get(0).api("/");
        SubmittedBatch batch = intake.submit(s.ledger.scenario.replace(' ', '-') + "-big", s.year, BATCH_ROWS * 4,
                () -> List.of(first));
        s.ledger.batches.add(batch);
        s.awaitUntil("the batch being processed", () -> {
            var status = IntakeBatches.status(batch.submittedTo(), batch.id());
            return status != null && status.path("processed").asInt() > 0;
        });
        var before = IntakeBatches.status(batch.submittedTo(), batch.id());
        stack.kill(stack.projectServices, 0);
        System.out.println("fault suite: project-service-a killed with batch " + batch.id() + " at " + before);
        stack.kill(stack.reportingServices, 0);
        s.awaitEnd();
    }

    private void restartKafka() {
        stack.kafka.stop();
        try {
            stack.kafka.start();
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not start again", e);
        }
    }

    private void startMongo() {
        try {
            stack.mongo.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the stand-in did not start again", e);
        }
    }

    // ---- running a scenario ----

    private interface Fault {
        void inject(Running scenario);
    }

    private DynamicTest scenario(String name, Fault fault) {
        return DynamicTest.dynamicTest(name, () -> run(name, fault));
    }

    private void run(String name, Fault fault) throws Exception {
        if (name.startsWith("pause") || name.startsWith("two instances")) {
            while (stack.projectServices.size() < 2) {
                stack.addProjectService();
            }
            while (stack.reportingServices.size() < 2) {
                stack.addReportingService();
            }
        }
        int year = 2020 + ledgers.size() % 6;
        StreamLedger ledger = new StreamLedger(name.replaceAll("[^A-Za-z0-9]+", "-"),
                LoadStream.plannedCommands(PROJECTS));
        ledgers.add(ledger);
        ExecutorService writers = LoadStream.executor();
        try {
            Future<?> stream = new LoadStream(ledger, stack::projectApis, store, year, intake, BATCH_ROWS)
                    .start(PROJECTS, writers);
            Running running = new Running(ledger, year, stream);
            fault.inject(running);
            running.awaitEnd();
            stream.get(); // a writer that gave up fails the scenario with its reason
            reconcile(ledger, List.of(ledger));
        } finally {
            writers.shutdownNow();
            restartDead(stack.projectServices);
            restartDead(stack.reportingServices);
        }
    }

    /** What a supervisor does: an instance a scenario killed and left dead is started again for the next. */
    private void restartDead(List<ServiceProcess> slots) {
        for (int slot = 0; slot < slots.size(); slot++) {
            if (!slots.get(slot).isAlive()) {
                stack.restart(slots, slot);
            }
        }
    }

    private void finalAudit() {
        StreamLedger all = new StreamLedger("all-streams-after-all-faults", 0);
        ledgers.forEach(ledger -> {
            all.sent.addAndGet(ledger.sent.get());
            all.acknowledged.addAndGet(ledger.acknowledged.get());
            all.presentUnanswered.addAndGet(ledger.presentUnanswered.get());
        });
        reconcile(all, ledgers);
    }

    /** Waits (deadline-bound) until the audit passes, then prints and checks the line. */
    private void reconcile(StreamLedger line, List<StreamLedger> audited) {
        long settling = System.nanoTime();
        AuditCounts[] last = {null};
        try {
            await("the system settling after " + line.scenario).atMost(SETTLE).pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .until(() -> (last[0] = audit.audit(audited, ledgers)).clean());
        } catch (ConditionTimeoutException e) {
            stack.projectServices.stream().filter(ServiceProcess::isAlive)
                    .forEach(service -> service.dumpThreads("fault suite: not settled after " + line.scenario));
        }
        long settleMillis = (System.nanoTime() - settling) / 1_000_000;
        AuditCounts counts = last[0] == null ? new AuditCounts() : last[0];
        String printed = FaultLine.of(line, counts, settleMillis);
        FaultLine.write(faultsFile, printed);
        assertThat(last[0]).as("no audit could read the system: " + printed).isNotNull();
        assertThat(counts.problems).as(printed).isEmpty();
        assertThat(counts.lost).as(printed).isZero();
        assertThat(counts.duplicated).as(printed).isZero();
    }

    /** A scenario while its stream runs. */
    private record Running(StreamLedger ledger, int year, Future<?> stream) {

        void awaitProgress(double fraction) {
            awaitUntil(Math.round(fraction * 100) + "% of the stream", () -> ledger.progress() >= fraction
                    || stream.isDone());
        }

        void awaitEnd() {
            awaitUntil("the end of the stream", stream::isDone);
        }

        void awaitUntil(String what, java.util.concurrent.Callable<Boolean> condition) {
            await(what).atMost(STREAM).pollInterval(Duration.ofMillis(100)).until(condition);
        }
    }
}
