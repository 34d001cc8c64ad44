package cn.shuangcheng.cadres.exchange.mongo;

import cn.shuangcheng.cadres.exchange.domain.Period;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The periods being changed for each person at this moment, one document per person in collection
 * {@value #COLLECTION}: {@code {_id: cadreId, version: n, pending: [{secondmentId, token, startOn, endOn,
 * reservedAt}]}}. Every change of the document increments {@code version}, and a reservation is written with a filter
 * on the version its decision read ({@code updateOne({_id, version: v}, {$set: {pending}, $inc: {version: 1}})}): a
 * compare-and-set decided by MongoDB, so of two decisions made on the same reading only one is written, whichever
 * instance made it, and the other reads again. There is no lease and no holder: nothing waits for anything, nothing
 * expires while it is being used, and no instance's clock takes part.
 * <p>
 * A reservation is released when its change was stored or refused. One whose instance died before releasing it is
 * not in the way for ever: it lapses {@code grace} after it was made, measured on MongoDB's clock ({@code reservedAt}
 * is the server's {@code localTime} read with the decision, and a later decision compares with the server's time
 * again), so a skewed host can neither shorten nor lengthen it. The stored secondments stay the truth: a lapsed
 * reservation whose change was stored is still seen in the event store.
 * <p>
 * On the MongoDB stand-in (mongo-java-server) an update runs under its collection's monitor
 * ({@code AbstractSynchronizedMongoCollection}), so the filter on the version is a compare-and-set there as well, across
 * connections (unlike findAndModify as the event store's {@code GlobalIndexCounter} uses it): {@code
 * OverlapRuleTest} races threads on separate clients against it. No lock in the JVM is needed or taken.
 */
public class ReservedPeriods {

    public static final String COLLECTION = "cadre_reserved_periods";
    private static final String VERSION = "version";
    private static final String PENDING = "pending";

    /** A change of one secondment's period that is being decided or carried out. */
    public record Pending(String secondmentId, String token, LocalDate startOn, LocalDate endOn, Instant reservedAt) {

        public Period period() {
            return new Period(secondmentId, startOn, endOn);
        }
    }

    /** The person's document as one decision read it, with the server's time of that reading. */
    public record Snapshot(String cadreId, long version, List<Pending> pending, Instant serverTime) {
    }

    private final MongoDatabase database;
    private final MongoCollection<Document> reserved;
    private final Duration grace;

    public ReservedPeriods(MongoDatabase database, Duration grace) {
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("the reservation grace must be positive, was " + grace);
        }
        this.database = database;
        this.reserved = database.getCollection(COLLECTION);
        this.grace = grace;
    }

    public Duration grace() {
        return grace;
    }

    /** The person's reservations and version; a person seen for the first time gets a document at version 0. */
    public Snapshot read(String cadreId) {
        Document document = reserved.find(Filters.eq("_id", cadreId)).first();
        if (document == null) {
            try {
                reserved.insertOne(new Document("_id", cadreId).append(VERSION, 0L).append(PENDING, List.of()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            document = reserved.find(Filters.eq("_id", cadreId)).first();
        }
        List<Pending> pending = new ArrayList<>();
        for (Document entry : document.getList(PENDING, Document.class, List.of())) {
            pending.add(new Pending(entry.getString("secondmentId"), entry.getString("token"),
                    LocalDate.parse(entry.getString("startOn")), LocalDate.parse(entry.getString("endOn")),
                    entry.getDate("reservedAt").toInstant()));
        }
        return new Snapshot(cadreId, ((Number) document.get(VERSION)).longValue(), List.copyOf(pending),
                serverTime());
    }

    /** Whether a reservation has lapsed: its change was abandoned, or has run far beyond any command's time. */
    public boolean lapsed(Pending pending, Snapshot seen) {
        return pending.reservedAt().plus(grace).isBefore(seen.serverTime());
    }

    /**
     * Writes the reservations {@code seen} held, without the lapsed ones, plus {@code wanted}, if and only if nothing
     * changed the person's document since {@code seen} was read. False when another decision came first.
     */
    public boolean reserve(Snapshot seen, Pending wanted) {
        List<Document> pending = new ArrayList<>();
        for (Pending p : seen.pending()) {
            if (!lapsed(p, seen)) {
                pending.add(toDocument(p));
            }
        }
        pending.add(toDocument(wanted));
        return reserved.updateOne(Filters.and(Filters.eq("_id", seen.cadreId()), Filters.eq(VERSION, seen.version())),
                Updates.combine(Updates.set(PENDING, pending), Updates.inc(VERSION, 1L))).getMatchedCount() == 1;
    }

    /**
     * Removes one reservation, by its token (never another decision's reservation of the same secondment). The
     * version moves on, so that a decision that read the reservation cannot write it back.
     */
    public void release(String cadreId, String token) {
        reserved.updateOne(Filters.and(Filters.eq("_id", cadreId), Filters.eq(PENDING + ".token", token)),
                Updates.combine(Updates.pull(PENDING, new Document("token", token)), Updates.inc(VERSION, 1L)));
    }

    /**
     * The server's clock, from the {@code localTime} of the {@code isMaster} handshake command, which MongoDB and
     * the stand-in both answer on any database without privileges.
     */
    private Instant serverTime() {
        Object localTime = database.runCommand(new Document("isMaster", 1)).get("localTime");
        if (localTime instanceof Date date) {
            return date.toInstant();
        }
        throw new IllegalStateException("the MongoDB server did not tell its time (isMaster without localTime)");
    }

    private static Document toDocument(Pending p) {
        return new Document("secondmentId", p.secondmentId()).append("token", p.token())
                .append("startOn", p.startOn().toString()).append("endOn", p.endOn().toString())
                .append("reservedAt", Date.from(p.reservedAt()));
    }
}
