package cn.shuangcheng.projects.intake.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * Which instance works on which intake batch, decided by MongoDB. The batch document carries {@code owner} (an
 * {@link IntakeInstance} id, {@code ownerHost} beside it), {@code leaseEpoch} and {@code leaseExpiresAt}.
 * <ul>
 *   <li>A claim is one {@code findOneAndUpdate} whose filter says "not completed, and no owner or the lease
 *   expired": it sets the owner and the expiry and increments the epoch, so of two instances claiming at once
 *   exactly one matches. Batches stored before leases existed have no owner and are claimed like new ones.</li>
 *   <li>Right after a claim the batch's rows still without an outcome are stamped with the new epoch
 *   ({@link #fenceRows}); a row outcome is then written only where the row carries the writer's epoch and has no
 *   outcome yet ({@link IntakeBatchStore#recordOutcome}). Renewal, completion and release name the epoch too.</li>
 * </ul>
 * Clocks: whether a lease expired compares the taker's clock with the expiry the owner wrote, so a skewed clock can
 * make a take-over early or late. It cannot make two instances write the same batch: once a taker has raised the
 * epoch, every write of the former owner (a pod paused by GC, cut off, or with a slow clock) matches nothing and
 * that owner stops. Correctness rests on the epoch, the clocks only decide when a silent owner is given up.
 * <p>
 * The in-JVM MongoDB stand-in (mongo-java-server) differs from MongoDB here: its findAndModify is not atomic across
 * concurrent connections (see service-support's {@code GlobalIndexCounter}), so two claims at the same instant could
 * both match and both take the same epoch. Claims are therefore also serialised within one JVM ({@link #CLAIMS},
 * striped by batch id), which matters where tests run several instances in one JVM; on MongoDB the filter alone
 * decides, and in production the lock is only ever shared by one instance's own threads. Renewal, completion and
 * release need no lock: each is one write of one document filtered on the epoch, and even a stale renewal racing a
 * claim on the stand-in could only stretch the new lease; the rows are fenced on their own.
 */
public class IntakeBatchLeases {

    private static final ReentrantLock[] CLAIMS = new ReentrantLock[16];

    static {
        for (int i = 0; i < CLAIMS.length; i++) {
            CLAIMS[i] = new ReentrantLock();
        }
    }
    private static final List<String> OPEN = List.of(IntakeBatchStore.Status.RECEIVED.name(),
            IntakeBatchStore.Status.PROCESSING.name());

    private final MongoCollection<Document> batches;
    private final MongoCollection<Document> rows;
    private final Clock clock;
    private final IntakeInstance instance;
    /**
     * An expiry further ahead than this many leases, and than {@link #IMPLAUSIBLE_AHEAD_AT_LEAST}, was not set by a
     * clock in step with ours: such a lease is taken over (an instance whose clock is that far ahead loses its batches
     * to the others, the epoch fencing them). The floor keeps a rolling change of the lease's length (30 s to
     * 10 min, say) from making the old instances take over the new ones' batches.
     */
    static final int IMPLAUSIBLE_LEASES = 10;
    static final Duration IMPLAUSIBLE_AHEAD_AT_LEAST = Duration.ofHours(1);

    private final Duration lease;
    /** {@value #IMPLAUSIBLE_LEASES} leases, at least {@link #IMPLAUSIBLE_AHEAD_AT_LEAST}. */
    private final Duration implausiblyAhead;

    public IntakeBatchLeases(MongoDatabase database, Clock clock, IntakeInstance instance, Duration lease) {
        this.batches = database.getCollection("intake_batches");
        this.rows = database.getCollection("intake_rows");
        this.clock = clock;
        this.instance = instance;
        this.lease = lease;
        Duration leases = lease.multipliedBy(IMPLAUSIBLE_LEASES);
        this.implausiblyAhead = leases.compareTo(IMPLAUSIBLE_AHEAD_AT_LEAST) < 0 ? IMPLAUSIBLE_AHEAD_AT_LEAST : leases;
        // the batches left to do, oldest first, without reading the completed ones
        batches.createIndex(Indexes.ascending("status", "receivedAt"));
    }

    /** How long a claim or renewal holds the batch (shuangcheng.intake.batch-lease). */
    public Duration lease() {
        return lease;
    }

    public IntakeInstance instance() {
        return instance;
    }

    /** Batches no live instance holds (never claimed, released, or whose owner stopped renewing), oldest first. */
    public List<String> claimable() {
        List<String> ids = new ArrayList<>();
        batches.find(and(in("status", OPEN), unowned())).sort(Sorts.ascending("receivedAt"))
                .projection(new Document("_id", 1)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** The batch for this instance, with a new epoch; empty when it is completed, gone or held by a live owner. */
    public Optional<BatchLease> claim(String batchId) {
        Date now = Date.from(clock.instant());
        Bson claim = Updates.combine(Updates.set("owner", instance.id()), Updates.set("ownerHost", instance.host()),
                Updates.inc("leaseEpoch", 1L), Updates.set("leaseExpiresAt", expiry()),
                Updates.set("claimedAt", now), Updates.set("status", IntakeBatchStore.Status.PROCESSING.name()));
        Document claimed = locked(batchId, () -> batches.findOneAndUpdate(and(eq("_id", batchId), in("status", OPEN),
                unowned()), claim, new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        return Optional.ofNullable(claimed).map(d -> new BatchLease(batchId, instance.id(),
                d.get("leaseEpoch", Number.class).longValue(), d.getString("principal")));
    }

    /**
     * Rows still without an outcome now take outcomes from this epoch only: a former owner's writes to them are
     * refused from here on. A row carrying a higher epoch (someone claimed after us) is left alone.
     */
    public void fenceRows(BatchLease held) {
        rows.updateMany(and(eq("batchId", held.batchId()), eq("outcome", null),
                        or(eq("leaseEpoch", null), lt("leaseEpoch", held.epoch()))),
                Updates.set("leaseEpoch", held.epoch()));
    }

    /** Pushes the expiry out; false when the batch was taken over (or completed) meanwhile: the lease is lost. */
    public boolean renew(BatchLease held) {
        // $max: of two renewals of one lease that cross (the heartbeat's and a retry's), the older never shortens it
        return batches.updateOne(mine(held), Updates.max("leaseExpiresAt", expiry())).getMatchedCount() == 1;
    }

    /** Marks the batch COMPLETED; false when it was taken over meanwhile (then nothing is marked). */
    public boolean complete(BatchLease held) {
        Bson completed = Updates.combine(Updates.set("status", IntakeBatchStore.Status.COMPLETED.name()),
                Updates.set("completedAt", Date.from(clock.instant())), Updates.set("completedBy", held.owner()),
                Updates.unset("leaseExpiresAt"));
        return batches.updateOne(mine(held), completed).getMatchedCount() == 1;
    }

    /** Gives the batch up at once (this instance is stopping), so that another need not wait for the expiry. */
    public void release(BatchLease held) {
        batches.updateOne(mine(held), Updates.combine(Updates.unset("owner"), Updates.unset("leaseExpiresAt")));
    }

    private static Bson mine(BatchLease held) {
        return and(eq("_id", held.batchId()), eq("leaseEpoch", held.epoch()), in("status", OPEN));
    }

    /**
     * No owner, a lease run out, or one that runs out further ahead than any renewal can set
     * ({@value #IMPLAUSIBLE_LEASES} leases, at least {@link #IMPLAUSIBLE_AHEAD_AT_LEAST}): its owner's clock jumped
     * ahead once, and renewals ($max) never shorten it again, so an owner that died without releasing it would hold
     * the batch until its clock's error has passed.
     */
    private Bson unowned() {
        Instant now = clock.instant();
        return or(eq("owner", null), lt("leaseExpiresAt", Date.from(now)),
                gt("leaseExpiresAt", Date.from(now.plus(implausiblyAhead))));
    }

    private Date expiry() {
        return Date.from(clock.instant().plus(lease));
    }

    private static <T> T locked(String batchId, Supplier<T> write) {
        ReentrantLock stripe = CLAIMS[Math.floorMod(batchId.hashCode(), CLAIMS.length)];
        stripe.lock();
        try {
            return write.get();
        } finally {
            stripe.unlock();
        }
    }
}
