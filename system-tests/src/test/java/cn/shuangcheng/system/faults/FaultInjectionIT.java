package cn.shuangcheng.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * The fault-injection suite: project-service, cadre-service and reporting-service run from their jars as processes, on
 * a Kafka broker and a file-backed MongoDB stand-in that the suite stops and starts, while a steady stream of REST
 * commands and intake batches flows ({@link LoadStream}) and, alongside, a stream of cadre commands
 * ({@link CadreStream}). Each scenario injects one kind of fault ({@link Faults}, {@link HeldAppend},
 * {@link RebuildKill}) into its own streams, waits for the system to settle and reconciles exactly
 * ({@link SystemAudit}); it prints one line ({@link FaultLine}) and appends it to {@code target/faults.txt}. A final
 * audit checks every stream again after all the faults.
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
    private static final int CADRES = CadreStream.cadresFor(PROJECTS);
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
        // the suite's own reads of the stores: the driver waits on a socket for ever by default, so a read caught in a
        // restart of the stand-in could hold a wait (EventStoreView) to its deadline; with these each attempt fails
        // in time and the next runs on a fresh connection
        mongo = MongoClients.create(stack.mongo.connectionString()
                + "/?connectTimeoutMS=2000&socketTimeoutMS=20000&serverSelectionTimeoutMS=5000");
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
        Faults faults = new Faults(stack, intake, BATCH_ROWS);
        List<DynamicTest> scenarios = new ArrayList<>();
        scenarios.add(scenario("sigkill project-service and cadre-service at 50%", faults::killProjectAndCadreService));
        if (FULL) {
            scenarios.add(scenario("sigkill project-service at 20/50/80%",
                    s -> faults.killAndRestart(s, stack.projectServices, 0.2, 0.5, 0.8)));
            scenarios.add(scenario("sigkill cadre-service at 20/50/80%",
                    s -> faults.killAndRestartCadreService(s, 0.2, 0.5, 0.8)));
            scenarios.add(scenario("sigkill reporting-service at 20/50/80%",
                    s -> faults.killAndRestart(s, stack.reportingServices, 0.2, 0.5, 0.8)));
        }
        scenarios.add(scenario("kafka restart while publishing", faults::kafkaRestartWhilePublishing));
        if (FULL) {
            scenarios.add(scenario("kafka restart while consuming", faults::kafkaRestartWhileConsuming));
        }
        scenarios.add(scenario("mongo restart during commands", faults::mongoRestartDuringCommands));
        if (FULL) {
            scenarios.add(scenario("mongo restart during projection", faults::mongoRestartDuringProjection));
            scenarios.add(scenario("pause project-service in an append > gap timeout",
                    new HeldAppend(stack, mongo)::inject));
            scenarios.add(scenario("two instances, one killed in a batch", faults::killOneOfTwoDuringBatch));
            scenarios.add(scenario("two instances, one killed in a rebuild", new RebuildKill(stack)::inject));
        }
        String only = System.getProperty("faults.only", "");
        scenarios.removeIf(scenario -> !scenario.getDisplayName().contains(only));
        scenarios.add(DynamicTest.dynamicTest("every stream reconciles after all faults", this::finalAudit));
        return scenarios.stream();
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
                LoadStream.plannedCommands(PROJECTS), CadreStream.plannedCommands(CADRES));
        ledgers.add(ledger);
        ExecutorService writers = LoadStream.executor();
        ExecutorService cadreWriter = Executors.newSingleThreadExecutor();
        try {
            Future<?> stream = new LoadStream(ledger, stack::projectApis, store, year, intake, BATCH_ROWS)
                    .start(PROJECTS, writers);
            Future<?> cadres = new CadreStream(ledger, stack::cadreApis, mongo, year)
                    .start(CADRES, ledgers.size(), cadreWriter);
            Running running = new Running(ledger, year, stream, cadres, STREAM);
            fault.inject(running);
            running.awaitEnd();
            stream.get(); // a writer that gave up fails the scenario with its reason
            cadres.get();
            reconcile(ledger, List.of(ledger));
        } finally {
            writers.shutdownNow();
            cadreWriter.shutdownNow();
            restartDead(stack.projectServices);
            restartDead(stack.cadreServices);
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
            all.cadres.sent.addAndGet(ledger.cadres.sent.get());
            all.cadres.acknowledged.addAndGet(ledger.cadres.acknowledged.get());
            all.cadres.presentUnanswered.addAndGet(ledger.cadres.presentUnanswered.get());
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
}
