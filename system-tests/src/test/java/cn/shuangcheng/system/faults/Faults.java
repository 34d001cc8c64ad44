package cn.shuangcheng.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import cn.shuangcheng.system.ServiceProcess;

/**
 * The faults the suite injects into a running scenario ({@link Running}), each as a supervisor, an operator or the
 * infrastructure would cause it; what each saw is printed as a {@code fault suite:} line before the scenario's
 * reconciliation. The append hold and the rebuild kill are in {@link HeldAppend} and {@link RebuildKill}.
 */
final class Faults {

    private final FaultStack stack;
    private final IntakeBatches intake;
    private final int batchRows;

    Faults(FaultStack stack, IntakeBatches intake, int batchRows) {
        this.stack = stack;
        this.intake = intake;
        this.batchRows = batchRows;
    }

    void killAndRestart(Running s, List<ServiceProcess> slots, double... at) {
        for (double fraction : at) {
            s.awaitProgress(fraction);
            stack.kill(slots, 0);
            stack.restart(slots, 0);
        }
    }

    void killAndRestartCadreService(Running s, double... at) {
        for (double fraction : at) {
            s.awaitCadreProgress(fraction);
            int failedBefore = s.ledger().cadres.failedAttempts.get();
            stack.kill(stack.cadreServices, 0);
            stack.restart(stack.cadreServices, 0);
            System.out.println("fault suite: cadre-service killed at " + Math.round(fraction * 100) + "% of the "
                    + "cadre stream (" + s.ledger().scenario + "); cadre attempts that failed while it was down: "
                    + (s.ledger().cadres.failedAttempts.get() - failedBefore));
        }
    }

    /** The CI form's kill: project-service at half its stream, then cadre-service at half its own. */
    void killProjectAndCadreService(Running s) {
        killAndRestart(s, stack.projectServices, 0.5);
        killAndRestartCadreService(s, 0.5);
    }

    void kafkaRestartWhilePublishing(Running s) {
        s.awaitProgress(0.5);
        stack.kafka.stop();
        int acknowledged = s.ledger().acknowledged.get();
        // commands go on while the broker is away: their events wait in the store for the publication
        s.awaitUntil("commands acknowledged while Kafka is down",
                () -> s.ledger().acknowledged.get() >= acknowledged + Math.max(5, s.ledger().planned / 10));
        startKafka();
    }

    void mongoRestartDuringCommands(Running s) {
        s.awaitProgress(0.5);
        stack.mongo.stop();
        int failed = s.ledger().failedAttempts.get();
        s.awaitUntil("a command failing while MongoDB is down", () -> s.ledger().failedAttempts.get() > failed);
        startMongo();
    }

    /**
     * The broker restarts while reporting works off a backlog: reporting is stopped (SIGSTOP) for the last part of
     * the stream, resumed, and the broker is stopped at once; the lag of reporting's group, read just before, shows
     * how much it had not applied yet when the broker went away.
     */
    void kafkaRestartWhileConsuming(Running s) {
        withBacklog(s, "Kafka stopped", () -> {
            long behind = lag();
            stack.kafka.stop();
            return behind;
        });
        startKafka();
    }

    /** The stand-in restarts while reporting works off a backlog, built and measured as for the broker. */
    void mongoRestartDuringProjection(Running s) {
        withBacklog(s, "MongoDB stopped", () -> {
            long behind = lag();
            stack.mongo.stop();
            return behind;
        });
        startMongo();
    }

    private void withBacklog(Running s, String fault, java.util.function.LongSupplier inject) {
        s.awaitProgress(0.6);
        stack.reportingServices.forEach(ServiceProcess::pause);
        try {
            s.awaitEnd();
        } finally {
            stack.reportingServices.forEach(ServiceProcess::resume);
        }
        long behind = inject.getAsLong();
        System.out.println("fault suite: " + fault + " with reporting " + behind + " records behind on its topics ("
                + s.ledger().scenario + ")");
        assertThat(behind).as("reporting was behind when the fault hit").isPositive();
    }

    private long lag() {
        return ConsumerLag.of(stack.kafka.bootstrapServers(), FaultStack.REPORTING_GROUP,
                List.of(FaultStack.PROJECT_TOPIC, FaultStack.CADRE_TOPIC));
    }

    /** With two instances of each service: one project-service dies while it processes an intake batch. */
    void killOneOfTwoDuringBatch(Running s) {
        URI first = stack.projectServices.get(0).api("/");
        SubmittedBatch batch = intake.submit(s.ledger().scenario.replace(' ', '-') + "-big", s.year(), batchRows * 4,
                () -> List.of(first));
        s.ledger().batches.add(batch);
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

    void startKafka() {
        stack.kafka.stop();
        try {
            stack.kafka.start();
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not start again", e);
        }
    }

    void startMongo() {
        try {
            stack.mongo.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the stand-in did not start again", e);
        }
    }

    static Duration gapTimeout() {
        return Duration.parse("PT" + FaultStack.GAP_TIMEOUT);
    }
}
