package cn.shuangcheng.reporting.readmodel.mongo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import cn.shuangcheng.kernel.StateConflictException;

/**
 * The rebuilds of all instances, one document per generation in {@code read_model_rebuilds} ({@code _id} = the
 * generation), and from them the active generation. Every decision is one atomic operation of MongoDB:
 * <ul>
 * <li><b>Claim.</b> A rebuild takes the generation after the highest one ever claimed by inserting its document: the
 * unique {@code _id} lets exactly one instance have it. It does so only after seeing that the highest rebuild is not
 * RUNNING with a live heartbeat, so one rebuild runs at a time across all instances, and a generation's collections
 * are dropped only by the instance whose insert won it.</li>
 * <li><b>Heartbeat and fencing.</b> The owner renews {@code heartbeatAt} with an update whose filter is its claim
 * (state RUNNING, its token). Another instance that finds the heartbeat older than the timeout marks the rebuild
 * FAILED with an update whose filter is the {@code beats} it saw, so a renewal in between wins. An owner that was
 * paused and resumes then finds its claim gone: its renewals and its switch match nothing.</li>
 * <li><b>Switch.</b> COMPLETED, with the start offsets of the generation, is set by the same claim filter; the active
 * generation is the highest COMPLETED one. So the switch is one conditional update, and an owner that lost its claim
 * cannot switch.</li>
 * </ul>
 * Whether a heartbeat has expired is judged on the observer's clock against the owner's: skew between instances
 * makes the timeout longer or shorter, never lets two owners switch. The document {@code read_model_generations/active}
 * names the base generation (the one active before the first rebuild recorded here; 1 on a new database).
 * <p>
 * No transactions are needed (the stand-in has none): each decision touches one document. The stand-in's memory
 * backend serialises inserts and updates per collection, so the unique {@code _id} and the conditional updates hold
 * there as on MongoDB (unlike its findAndModify, which this class does not use).
 */
public final class GenerationLedger {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    static final String REBUILDS = "read_model_rebuilds";
    private static final String POINTERS = "read_model_generations";
    private static final String BASE = "active";

    /** What an instance holds after a successful claim: the generation, and the token its fenced writes carry. */
    public record Claim(int generation, String token, int previousGeneration) {
    }

    private final MongoCollection<Document> rebuilds;
    private final MongoCollection<Document> pointers;
    /** The base generation never changes once written (nothing writes the pointer after its creation). */
    private volatile Integer base;

    GenerationLedger(MongoDatabase database) {
        this.rebuilds = database.getCollection(REBUILDS);
        this.pointers = database.getCollection(POINTERS);
    }

    /** The highest COMPLETED generation with its start offsets, else the base generation. */
    public ActiveGeneration active() {
        int base = base();
        Document latest = rebuilds.find(Filters.eq("state", COMPLETED)).sort(Sorts.descending("_id")).first();
        if (latest == null) {
            return new ActiveGeneration(base, base, Map.of());
        }
        Map<String, Long> offsets = new HashMap<>();
        for (Document offset : latest.getList("startOffsets", Document.class, List.of())) {
            offsets.put(ActiveGeneration.key(offset.getString("topic"), offset.getInteger("partition")),
                    ((Number) offset.get("offset")).longValue());
        }
        return new ActiveGeneration(latest.getInteger("_id"), base, offsets);
    }

    /**
     * Claims the next generation for {@code owner}, or answers why not (a rebuild runs, or another instance claimed
     * the same generation a moment ago). A RUNNING rebuild whose heartbeat is older than {@code heartbeatTimeout} is
     * marked FAILED first: its instance is taken for dead.
     */
    public Claim claim(String owner, Duration heartbeatTimeout) {
        Instant now = Instant.now();
        Document latest = rebuilds.find().sort(Sorts.descending("_id")).first();
        if (latest != null && RUNNING.equals(latest.getString("state"))) {
            if (!expireIfDead(latest, heartbeatTimeout, now)) {
                throw new StateConflictException("Rebuild " + latest.getInteger("_id") + " is running (on "
                        + latest.getString("owner") + ").");
            }
        }
        int base = base();
        int generation = Math.max(latest == null ? 0 : latest.getInteger("_id"), base) + 1;
        int previous = active().generation();
        String token = UUID.randomUUID().toString();
        try {
            rebuilds.insertOne(new Document("_id", generation).append("state", RUNNING).append("owner", owner)
                    .append("token", token).append("previousGeneration", previous).append("startedAt", Date.from(now))
                    .append("heartbeatAt", Date.from(now)).append("beats", 0L).append("lag", -1L));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            throw new StateConflictException("Another instance started rebuild " + generation + " a moment ago.");
        }
        return new Claim(generation, token, previous);
    }

    /** Renews the heartbeat and records the lag. @return false when the claim is no longer this owner's */
    public boolean renew(Claim claim, long lag) {
        return rebuilds.updateOne(held(claim), Updates.combine(Updates.set("heartbeatAt", new Date()),
                Updates.set("lag", lag), Updates.inc("beats", 1L))).getMatchedCount() == 1;
    }

    /** Records what the rebuild left out so far, by reason; nothing if the claim is no longer this owner's. */
    public void noteSkipped(Claim claim, Map<String, Long> byReason) {
        rebuilds.updateOne(held(claim), Updates.set("skipped", new Document(new java.util.LinkedHashMap<>(byReason))));
    }

    /**
     * The switch: the claimed generation becomes the active one, to be read by the live consumers from
     * {@code startOffsets} ("topic:partition" to offset). @return false when the claim was lost (nothing changed)
     */
    public boolean complete(Claim claim, Map<String, Long> startOffsets) {
        List<Document> offsets = new ArrayList<>();
        startOffsets.forEach((key, offset) -> {
            int colon = key.lastIndexOf(':');
            offsets.add(new Document("topic", key.substring(0, colon))
                    .append("partition", Integer.parseInt(key.substring(colon + 1))).append("offset", offset));
        });
        Date now = new Date();
        if (rebuilds.updateOne(held(claim), Updates.combine(Updates.set("state", COMPLETED),
                Updates.set("completedAt", now), Updates.set("heartbeatAt", now), Updates.set("lag", 0L),
                Updates.set("startOffsets", offsets))).getMatchedCount() == 1) {
            return true;
        }
        // an earlier attempt whose answer was lost may have switched already (never overwrite its start offsets)
        return rebuilds.countDocuments(Filters.and(Filters.eq("_id", claim.generation()),
                Filters.eq("state", COMPLETED), Filters.eq("token", claim.token()))) == 1;
    }

    /** Ends the claim as FAILED with {@code reason}; nothing if it was lost or completed already. */
    public void fail(Claim claim, String reason) {
        rebuilds.updateOne(held(claim), failed(reason));
    }

    /** A rebuild's document, a RUNNING one whose heartbeat expired marked FAILED first. */
    public Optional<Document> find(int generation, Duration heartbeatTimeout) {
        Document rebuild = rebuilds.find(Filters.eq("_id", generation)).first();
        if (rebuild != null && RUNNING.equals(rebuild.getString("state"))
                && expireIfDead(rebuild, heartbeatTimeout, Instant.now())) {
            rebuild = rebuilds.find(Filters.eq("_id", generation)).first();
        }
        return Optional.ofNullable(rebuild);
    }

    /** The most recent rebuilds, newest first. */
    public List<Document> latest(int limit) {
        List<Document> all = new ArrayList<>();
        rebuilds.find().sort(Sorts.descending("_id")).limit(limit).forEach(all::add);
        return all;
    }

    /**
     * Marks a RUNNING rebuild whose heartbeat is older than the timeout FAILED, unless it renewed since it was read
     * (the filter names the {@code beats} read). @return whether it is no longer RUNNING
     */
    private boolean expireIfDead(Document rebuild, Duration heartbeatTimeout, Instant now) {
        Instant heartbeat = rebuild.getDate("heartbeatAt").toInstant();
        if (heartbeat.plus(heartbeatTimeout).isAfter(now)) {
            return false;
        }
        Bson unchanged = Filters.and(Filters.eq("_id", rebuild.getInteger("_id")), Filters.eq("state", RUNNING),
                Filters.eq("beats", rebuild.get("beats")));
        if (rebuilds.updateOne(unchanged, failed("no heartbeat from " + rebuild.getString("owner") + " since "
                + heartbeat + " (timeout " + heartbeatTimeout + "): its instance is taken for dead")).getMatchedCount() == 1) {
            return true;
        }
        Document current = rebuilds.find(Filters.eq("_id", rebuild.getInteger("_id"))).first();
        return current == null || !RUNNING.equals(current.getString("state"));
    }

    private static Bson held(Claim claim) {
        return Filters.and(Filters.eq("_id", claim.generation()), Filters.eq("state", RUNNING),
                Filters.eq("token", claim.token()));
    }

    private static Bson failed(String reason) {
        return Updates.combine(Updates.set("state", FAILED), Updates.set("completedAt", new Date()),
                Updates.set("error", reason));
    }

    /** The base generation's pointer; the first call on a new database makes it 1. */
    int base() {
        Integer known = base;
        if (known != null) {
            return known;
        }
        Document pointer = pointers.find(Filters.eq("_id", BASE)).first();
        if (pointer == null) {
            try {
                pointers.insertOne(new Document("_id", BASE).append("generation", 1)
                        .append("switchedAt", Instant.now().toString()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            pointer = pointers.find(Filters.eq("_id", BASE)).first();
        }
        base = pointer.getInteger("generation");
        return base;
    }
}
