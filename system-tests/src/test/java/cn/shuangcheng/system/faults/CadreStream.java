package cn.shuangcheng.system.faults;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.bson.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import cn.shuangcheng.system.hostile.Http;

/**
 * The cadre-service writes that flow alongside the project stream: the scenario's exchange batch, then per cadre a
 * registration (the batch's place and the secondment), the arrival and {@value #CONTRIBUTIONS} contributions. One
 * writer, paced by the project stream (cadre {@code i} of {@code n} starts once {@code i/n} of the project commands
 * were sent), so the two streams run side by side whatever the fault.
 * <p>
 * An unanswered or 5xx command is resolved as {@link LoadStream} does: a secondment command is looked up by its
 * secondment's newest sequence in cadre-service's event store; an arrival is sent again with {@code If-Match} only if
 * it did not take effect. A registration is looked up through the person's entry in the registry (its personnel number
 * is the suite's): a secondment of the person with events stored is the one registered. A registration answered 409
 * with nothing stored is sent again: it met the reservation of the person's period that the killed attempt left, which
 * lapses after the reservation grace. Registrations and contributions carry an {@code Idempotency-Key}: one that took
 * effect unanswered is sent again with it all the same, and must answer what was stored (the same secondment, the same
 * version) and store nothing: the audit counts every stored event.
 */
final class CadreStream {

    static final int CONTRIBUTIONS = 2;
    /** Commands per cadre: the registration, the arrival, the contributions. */
    static final int COMMANDS_PER_CADRE = 2 + CONTRIBUTIONS;
    private static final Duration RESOLVE = Duration.ofMinutes(4);
    private static final String REGISTRY = "cadres";

    private final StreamLedger ledger;
    private final CadreLedger cadres;
    private final Supplier<List<URI>> cadreServices;
    private final MongoClient mongo;
    private final EventStoreView store;
    private final int year;
    private long attempts;

    CadreStream(StreamLedger ledger, Supplier<List<URI>> cadreServices, MongoClient mongo, int year) {
        this.ledger = ledger;
        this.cadres = ledger.cadres;
        this.cadreServices = cadreServices;
        this.mongo = mongo;
        this.store = new EventStoreView(mongo, FaultStack.CADRE_DATABASE);
        this.year = year;
    }

    /** Cadres seconded alongside a stream of {@code projects} projects. */
    static int cadresFor(int projects) {
        return Math.max(5, projects / 2);
    }

    /** Commands of a cadre stream: the batch's creation and each cadre's. */
    static int plannedCommands(int cadres) {
        return 1 + cadres * COMMANDS_PER_CADRE;
    }

    /** Starts the writer; the future ends when every cadre's script has taken effect. */
    Future<?> start(int count, int batchNumber, ExecutorService executor) {
        return executor.submit(() -> {
            createBatch(batchNumber);
            for (int i = 0; i < count; i++) {
                double share = (double) i / count;
                await("the project stream at " + Math.round(share * 100) + "%").atMost(Duration.ofMinutes(20))
                        .pollInterval(Duration.ofMillis(100)).until(() -> ledger.progress() >= share);
                script(i);
            }
            return null;
        });
    }

    private void createBatch(int number) {
        cadres.sent.incrementAndGet();
        cadres.batchNumber = number;
        String body = "{\"number\":" + number + ",\"year\":" + year + ",\"dispatchedOn\":\"" + year
                + "-01-02\",\"quotaPerDirection\":500}";
        long deadline = System.nanoTime() + RESOLVE.toNanos();
        while (true) {
            Http.Answer answer = Http.json("POST", target().resolve("/api/v1/batches"), Tokens.cadreWriter(), body);
            if (answer.status() == 201) {
                cadres.batchId = Json.read(answer.body()).path("id").asText();
                cadres.acknowledged(cadres.batchId, 0);
                return;
            }
            failed(answer, "batch " + number, deadline, true);
            awaitAnyCadreService(deadline);
            Http.Answer existing = Http.get(target().resolve("/api/v1/batches/" + number), Tokens.cadreWriter());
            if (existing.status() == 200) { // the unanswered creation took effect
                cadres.batchId = Json.read(existing.body()).path("id").asText();
                cadres.presentUnanswered.incrementAndGet();
                return;
            }
        }
    }

    private void script(int i) {
        String direction = i % 2 == 0 ? "SICHUAN_TO_CHONGQING" : "CHONGQING_TO_SICHUAN";
        PlannedSecondment s = new PlannedSecondment("FI-" + ledger.scenario + "-C" + i, direction);
        cadres.secondments.add(s);
        register(s, i);
        command(s, "/arrival", "{\"arrivedOn\":\"" + year + "-01-06\"}", q -> q.arrived = true);
        for (int c = 1; c <= CONTRIBUTIONS; c++) {
            command(s, "/contributions", "{\"on\":\"" + year + "-0" + (2 + c) + "-01\",\"category\":\""
                    + (c % 2 == 0 ? "INFRASTRUCTURE" : "MODERN_INDUSTRY") + "\",\"summary\":\"推动川渝合作第" + c
                    + "项\"}", q -> q.contributions++);
        }
    }

    private void register(PlannedSecondment s, int i) {
        cadres.sent.incrementAndGet();
        boolean toChongqing = s.direction.startsWith("SICHUAN");
        String body = "{\"batchNumber\":" + cadres.batchNumber + ",\"cadre\":{\"name\":\"演练干部" + i
                + "\",\"personnelNo\":\"" + s.personnelNo + "\"},\"direction\":\"" + s.direction
                + "\",\"homeUnit\":\"派出单位\",\"homeRegion\":\"" + (toChongqing ? "510106" : "500113")
                + "\",\"hostUnit\":\"接收单位\",\"hostRegion\":\"" + (toChongqing ? "500113" : "510106")
                + "\",\"startOn\":\"" + year + "-01-05\"}";
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + RESOLVE.toNanos();
        boolean landedUnanswered = false;
        while (true) {
            cadres.inFlight = "registration";
            Http.Answer answer = Http.send("POST", target().resolve("/api/v1/secondments"), Tokens.cadreWriter(),
                    "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of("Idempotency-Key", key));
            cadres.inFlight = null;
            if (answer.status() == 201) {
                JsonNode written = Json.read(answer.body());
                if (landedUnanswered && !written.path("id").asText().equals(s.id)) {
                    throw new IllegalStateException("registration of " + s.personnelNo + " took effect unanswered as "
                            + s.id + ", but sent again with its key it answered " + answer.body());
                }
                s.id = written.path("id").asText();
                s.version = written.path("version").asLong();
                s.commandsPresent++;
                if (landedUnanswered) {
                    cadres.presentUnanswered.incrementAndGet();
                } else {
                    cadres.acknowledged(s.id, s.version);
                }
                return;
            }
            failed(answer, "registration of " + s.personnelNo, deadline, true);
            awaitAnyCadreService(deadline);
            // took effect unanswered: sent again with its key, it must answer that secondment and register nothing
            landedUnanswered = landedUnanswered || registeredUnanswered(s);
        }
    }

    /** Whether a secondment of the person has events stored: then the unanswered registration took effect. */
    private boolean registeredUnanswered(PlannedSecondment s) {
        Document person = mongo.getDatabase(FaultStack.CADRE_DATABASE).getCollection(REGISTRY)
                .find(Filters.eq("personnelNo", s.personnelNo)).first();
        if (person == null) {
            return false;
        }
        for (String secondment : person.getList("secondmentIds", String.class, List.of())) {
            long last = store.lastSequence(secondment, Duration.ofMinutes(1));
            if (last >= 0) {
                s.id = secondment;
                return true;
            }
        }
        return false;
    }

    /**
     * A contribution goes with an Idempotency-Key: one that took effect unanswered is sent again with it, stale
     * If-Match and all, and must answer the version it was stored at and add nothing. The arrival has no key: one
     * that took effect is not sent again.
     */
    private void command(PlannedSecondment s, String path, String body, Consumer<PlannedSecondment> effect) {
        cadres.sent.incrementAndGet();
        String key = path.equals("/contributions") ? UUID.randomUUID().toString() : null;
        long deadline = System.nanoTime() + RESOLVE.toNanos();
        long landedAt = -1; // the version an unanswered attempt was stored at, once seen
        while (true) {
            cadres.inFlight = path;
            Map<String, String> headers = key == null ? Map.of("If-Match", "\"" + s.version + "\"")
                    : Map.of("If-Match", "\"" + s.version + "\"", "Idempotency-Key", key);
            Http.Answer answer = Http.send("POST", target().resolve("/api/v1/secondments/" + s.id + path),
                    Tokens.cadreWriter(), "application/json", body.getBytes(StandardCharsets.UTF_8), headers);
            cadres.inFlight = null;
            if (answer.status() >= 200 && answer.status() < 300) {
                long version = Json.read(answer.body()).path("version").asLong();
                if (landedAt >= 0 && version != landedAt) {
                    throw new IllegalStateException(path + " of " + s.personnelNo + " took effect unanswered at "
                            + landedAt + ", but sent again with its key it answered " + answer.body());
                }
                s.version = version;
                s.commandsPresent++;
                effect.accept(s);
                if (landedAt >= 0) {
                    cadres.presentUnanswered.incrementAndGet();
                } else {
                    cadres.acknowledged(s.id, s.version);
                }
                return;
            }
            failed(answer, path + " of " + s.personnelNo, deadline, false);
            long decided = store.lastSequence(s.id, Duration.ofMinutes(1));
            if (landedAt < 0 && decided > s.version) { // the unanswered attempt took effect
                if (key == null) {
                    s.version = decided;
                    s.commandsPresent++;
                    effect.accept(s);
                    cadres.presentUnanswered.incrementAndGet();
                    return;
                }
                landedAt = decided;
            }
            if (answer.status() == 409 && landedAt < 0) {
                throw new IllegalStateException(path + " of " + s.personnelNo + " answered 409 at the version the "
                        + "suite knows (" + s.version + "): " + answer.body());
            }
            awaitAnyCadreService(deadline);
        }
    }

    /**
     * Counts a failed attempt; a 4xx other than 409 is the suite's own mistake and ends the stream.
     *
     * @param conflictMayPass a 409 is retried (a lapsing reservation, a batch created unanswered)
     */
    private void failed(Http.Answer answer, String what, long deadline, boolean conflictMayPass) {
        cadres.failedAttempts.incrementAndGet();
        if (answer.status() < 500 && answer.status() != 409) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": " + answer.body());
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what + " not resolved within " + RESOLVE + "; last " + answer.status()
                    + ": " + answer.body());
        }
        if (answer.status() == 409 && conflictMayPass) {
            await("a moment before sending again").pollDelay(Duration.ofMillis(500)).until(() -> true);
        }
    }

    private void awaitAnyCadreService(long deadline) {
        await("cadre-service answers").atMost(Duration.ofNanos(Math.max(1_000_000_000L, deadline - System.nanoTime())))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> Http.get(target().resolve("/api/v1/batches/0"), Tokens.cadreWriter()).status() < 500);
    }

    /** Every attempt goes to the next instance, as a load balancer would. */
    private URI target() {
        List<URI> services = cadreServices.get();
        return services.get((int) (++attempts % services.size()));
    }
}
