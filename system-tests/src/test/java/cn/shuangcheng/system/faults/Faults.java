package cn.shuangcheng.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.awaitility.core.ConditionTimeoutException;

import cn.shuangcheng.system.ServiceProcess;

/**
 * The faults the suite injects into a running scenario ({@link Running}), each as a supervisor, an operator or the
 * infrastructure would cause it; what each saw is printed as a {@code fault suite:} line before the scenario's
 * reconciliation. The append hold and the rebuild kill are in {@link HeldAppend} and {@link RebuildKill}.
 */
final class Faults {

    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(30);

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

    /**
     * Kills cadre-service while a request of the cadre stream is on its way (the writer is paced, so most of the time
     * it waits between cadres): the first, third, ... kill waits for a registration in flight, the others for a
     * contribution. If none comes within {@link #IN_FLIGHT_WAIT}, it kills anyway and says so.
     */
    void killAndRestartCadreService(Running s, double... at) {
        for (int k = 0; k < at.length; k++) {
            s.awaitCadreProgress(at[k]);
            CadreLedger cadres = s.ledger().cadres;
            String wanted = k % 2 == 0 ? "registration" : "/contributions";
            String hit;
            int failedBefore = cadres.failedAttempts.get();
            try {
                await("a " + wanted + " in flight").atMost(IN_FLIGHT_WAIT).pollInterval(Duration.ofMillis(1))
                        .until(() -> wanted.equals(cadres.inFlight));
                stack.kill(stack.cadreServices, 0);
                hit = "with a " + wanted + " in flight";
            } catch (ConditionTimeoutException e) {
                stack.kill(stack.cadreServices, 0);
                hit = "with no " + wanted + " in flight within " + IN_FLIGHT_WAIT.toSeconds() + " s";
            }
            stack.restart(stack.cadreServices, 0);
            System.out.println("fault suite: cadre-service killed at " + Math.round(at[k] * 100) + "% of the cadre "
                    + "stream " + hit + " (" + s.ledger().scenario + "); cadre attempts that failed while it was "
                    + "down: " + (cadres.failedAttempts.get() - failedBefore));
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
        try {
            int acknowledged = s.ledger().acknowledged.get();
            // commands go on while the broker is away: their events wait in the store for the publication (or the
            // stream ends first: what it sent is reconciled all the same)
            s.awaitUntil("commands acknowledged while Kafka is down",
                    () -> s.ledger().acknowledged.get() >= acknowledged + Math.max(5, s.ledger().planned / 10)
                            || s.stream().isDone());
            Running.requireNotFailed(s.stream(), "the project stream");
        } finally {
            // whatever happened, the broker comes back: a scenario that fails must not take the next ones with it
            startKafka();
        }
    }

    void mongoRestartDuringCommands(Running s) {
        s.awaitProgress(0.5);
        stack.mongo.stop();
        try {
            int failed = s.ledger().failedAttempts.get();
            s.awaitUntil("a command failing while MongoDB is down", () -> s.ledger().failedAttempts.get() > failed
                    || s.stream().isDone());
            Running.requireNotFailed(s.stream(), "the project stream");
        } finally {
            startMongo();
        }
    }

    /**
     * The broker restarts while reporting works off a backlog: reporting is stopped (SIGSTOP) for the last part of
     * the stream, resumed, and the broker is stopped at once; the lag of reporting's group, read just before, shows
     * how much it had not applied yet when the broker went away.
     */
    void kafkaRestartWhileConsuming(Running s) {
        try {
            withBacklog(s, "Kafka stopped", () -> {
                long behind = lag();
                stack.kafka.stop();
                return behind;
            });
        } finally {
            startKafka();
        }
    }

    /** The stand-in restarts while reporting works off a backlog, built and measured as for the broker. */
    void mongoRestartDuringProjection(Running s) {
        try {
            withBacklog(s, "MongoDB stopped", () -> {
                long behind = lag();
                stack.mongo.stop();
                return behind;
            });
        } finally {
            startMongo();
        }
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
        stack.mongo.stop(); // a no-op when the fault stopped it; called from finally blocks too
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
