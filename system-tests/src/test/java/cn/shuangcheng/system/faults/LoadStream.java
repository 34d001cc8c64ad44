package cn.shuangcheng.system.faults;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import cn.shuangcheng.system.hostile.Http;

/**
 * The steady stream of writes: per project a proposal, its listing, its annual plan, its start, {@link #MONTHS}
 * monthly investments and a milestone, from a few writers at once, with an intake batch now and then.
 * <p>
 * A command answered 5xx, 409 or not at all is not acknowledged. The writer then reads the project's newest event
 * in the event store (project-service has no GET of a project to ask; the store is what it decides from): if its
 * sequence moved past the version the writer knew, the command took effect and is not sent again; otherwise, once a
 * project-service instance answers again, it is sent again with {@code If-Match} on the known version, so a late
 * first attempt and the resend can never both take effect. A proposal is resent with the same {@code externalRef},
 * which the API makes idempotent.
 */
final class LoadStream {

    static final int MONTHS = 6;
    /** Commands per project: propose, list, plan, start, the months, a milestone. */
    static final int COMMANDS_PER_PROJECT = 5 + MONTHS;
    private static final Duration RESOLVE = Duration.ofMinutes(4);
    private static final int WRITERS = 2;

    private final StreamLedger ledger;
    private final Supplier<List<URI>> projectServices;
    private final EventStoreView store;
    private final int year;
    private final IntakeBatches intake;
    private final int batchRows;
    /** Per writer: a shared count would let two writers polling in step always land on the same (dead) instance. */
    private final ThreadLocal<long[]> attempts = ThreadLocal.withInitial(() -> new long[1]);

    LoadStream(StreamLedger ledger, Supplier<List<URI>> projectServices, EventStoreView store, int year,
               IntakeBatches intake, int batchRows) {
        this.ledger = ledger;
        this.projectServices = projectServices;
        this.store = store;
        this.year = year;
        this.intake = intake;
        this.batchRows = batchRows;
    }

    /** Planned commands of a stream of {@code projects} projects. */
    static int plannedCommands(int projects) {
        return projects * COMMANDS_PER_PROJECT;
    }

    /** Starts the writers; the future ends when every project's script has taken effect. */
    Future<?> start(int projects, ExecutorService executor) {
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(executor.submit(() -> {
                for (int i = writer; i < projects; i += WRITERS) {
                    if (batchRows > 0 && writer == 0 && (i == projects / 3 || i == 2 * projects / 3)) {
                        ledger.batches.add(intake.submit(ledger.scenario + "-b" + i, year, batchRows, projectServices));
                    }
                    script(i);
                }
                return null;
            }));
        }
        return executor.submit(() -> {
            for (Future<?> writer : writers) {
                writer.get();
            }
            return null;
        });
    }

    static ExecutorService executor() {
        return Executors.newFixedThreadPool(WRITERS + 1);
    }

    private void script(int i) {
        PlannedProject p = new PlannedProject("FI-" + ledger.scenario + "-" + i, year,
                1_000_000_000L + i * 1_000_003L, 100_000_000L + i * 7L);
        ledger.projects.add(p);
        propose(p, i);
        command(p, i, "POST", "/listings", "{\"listYear\":" + year + "}", q -> q.listed = true);
        command(p, i, "PUT", "/annual-plans/" + year, "{\"amountYuan\":" + p.annualPlanYuan + "}",
                q -> q.planned = true);
        command(p, i, "POST", "/start", "{\"startedOn\":\"" + year + "-01-10\"}", q -> q.started = true);
        for (int m = 1; m <= MONTHS; m++) {
            String period = year + "-0" + m;
            long amount = 1_000_000L + i * 100L + m;
            command(p, i, "POST", "/investments", "{\"period\":\"" + period + "\",\"amountYuan\":" + amount + "}",
                    q -> q.recordInvestment(period, amount));
        }
        command(p, i, "POST", "/milestones", "{\"name\":\"主体完工" + i + "\",\"reachedOn\":\"" + year
                + "-03-01\",\"note\":\"fault suite\"}", q -> { });
    }

    private void propose(PlannedProject p, int i) {
        ledger.sent.incrementAndGet();
        String body = "{\"externalRef\":\"" + p.externalRef + "\",\"name\":\"成渝故障演练项目" + i + "\","
                + "\"sector\":\"INFRASTRUCTURE\",\"platform\":\"GAOZHU\",\"regions\":[\"510100\",\"500112\"],"
                + "\"leadUnits\":[\"四川省发展改革委\"],\"totalInvestmentYuan\":" + p.totalInvestmentYuan + "}";
        long deadline = System.nanoTime() + RESOLVE.toNanos();
        while (true) {
            Http.Answer answer = Http.json("POST", target(i).resolve("/api/v1/projects"), Tokens.writer(), body);
            if (answer.status() == 200 || answer.status() == 201) {
                JsonNode written = Json.read(answer.body());
                p.id = written.path("id").asText();
                p.version = written.path("version").asLong();
                p.commandsPresent++;
                ledger.acknowledged(p.id, p.version);
                return;
            }
            failed(answer, "propose " + p.externalRef, deadline);
            awaitAnyProjectService(i, deadline);
        }
    }

    private void command(PlannedProject p, int i, String method, String path, String body,
                         Consumer<PlannedProject> effect) {
        ledger.sent.incrementAndGet();
        long deadline = System.nanoTime() + RESOLVE.toNanos();
        while (true) {
            Http.Answer answer = Http.send(method, target(i).resolve("/api/v1/projects/" + p.id + path),
                    Tokens.writer(),
                    "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of("If-Match", "\"" + p.version + "\""));
            if (answer.status() >= 200 && answer.status() < 300) {
                p.version = Json.read(answer.body()).path("version").asLong();
                p.commandsPresent++;
                effect.accept(p);
                ledger.acknowledged(p.id, p.version);
                return;
            }
            failed(answer, method + " " + path + " of " + p.externalRef, deadline);
            long decided = store.lastSequence(p.id, remaining(deadline));
            if (decided > p.version) { // the unanswered attempt took effect
                p.version = decided;
                p.commandsPresent++;
                effect.accept(p);
                ledger.presentUnanswered.incrementAndGet();
                return;
            }
            if (answer.status() == 409) {
                throw new IllegalStateException(method + " " + path + " of " + p.externalRef + " answered 409 at the "
                        + "version the suite knows (" + p.version + "): " + answer.body());
            }
            awaitAnyProjectService(i, deadline);
        }
    }

    /** Counts a failed attempt; a 4xx other than 409 is the suite's own mistake and ends the stream. */
    private void failed(Http.Answer answer, String what, long deadline) {
        ledger.failedAttempts.incrementAndGet();
        if (answer.status() < 500 && answer.status() != 409) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.body());
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what + " not resolved within " + RESOLVE + "; last " + answer.status()
                    + ": " + answer.body());
        }
    }

    private void awaitAnyProjectService(int i, long deadline) {
        await("project-service answers").atMost(remaining(deadline)).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.get(target(i).resolve("/api/v1/projects/none"), Tokens.writer()).status() < 500);
        // a 4xx for a path it has no GET for: the instance runs (whether MongoDB answers it, the resend shows)
    }

    /** Writers spread over the instances; every attempt moves on to the next, as a load balancer would. */
    private URI target(int i) {
        List<URI> services = projectServices.get();
        return services.get((int) ((i + ++attempts.get()[0]) % services.size()));
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000_000L, deadline - System.nanoTime()));
    }
}
