package cn.shuangcheng.cadres.registry;

import cn.shuangcheng.support.domain.StateConflictException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A lease per person (collection {@value #COLLECTION}), held while a decision that must see all of the person's
 * secondments is made and carried out: registering one, or extending one. With it, "one person never has two
 * overlapping secondments" holds under concurrent requests and across service instances.
 * <p>
 * Taking the lease is an insert of {@code _id = cadreId}: the unique {@code _id} lets exactly one of several
 * concurrent requests in, on MongoDB and on the stand-in alike (no findOneAndUpdate, which the stand-in does not run
 * atomically). The others wait a little and try again, then give up with 409. A lease left behind by a crashed
 * instance expires after {@code leaseTime} and is then broken by deleting exactly that lease (by its owner token), so
 * two breakers cannot both get in. The lease must outlast the slowest decision; it is far longer than a command.
 */
public class PersonLocks {

    static final String COLLECTION = "cadre_locks";

    private final MongoCollection<Document> locks;
    private final Clock clock;
    private final Duration leaseTime;
    private final Duration patience;

    public PersonLocks(MongoDatabase database, Clock clock, Duration leaseTime, Duration patience) {
        this.locks = database.getCollection(COLLECTION);
        this.clock = clock;
        this.leaseTime = leaseTime;
        this.patience = patience;
    }

    public <T> T withLock(String cadreId, Supplier<T> decision) {
        String owner = acquire(cadreId);
        try {
            return decision.get();
        } finally {
            locks.deleteOne(Filters.and(Filters.eq("_id", cadreId), Filters.eq("owner", owner)));
        }
    }

    private String acquire(String cadreId) {
        String owner = UUID.randomUUID().toString();
        Instant giveUpAt = clock.instant().plus(patience);
        long pauseMs = 5;
        while (true) {
            Instant now = clock.instant();
            try {
                locks.insertOne(new Document("_id", cadreId).append("owner", owner)
                        .append("expiresAt", Date.from(now.plus(leaseTime))));
                return owner;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw new IllegalStateException("taking a cadre lease failed with MongoDB error code "
                            + e.getError().getCode());
                }
            }
            Document held = locks.find(Filters.eq("_id", cadreId)).first();
            if (held != null && held.getDate("expiresAt").toInstant().isBefore(now)) {
                locks.deleteOne(Filters.and(Filters.eq("_id", cadreId), Filters.eq("owner", held.getString("owner"))));
                continue;
            }
            if (now.isAfter(giveUpAt)) {
                throw new StateConflictException(
                        "another change to this cadre's secondments is in progress; retry in a moment");
            }
            pause(pauseMs);
            pauseMs = Math.min(pauseMs * 2, 100);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateConflictException("interrupted while waiting for this cadre's lease");
        }
    }
}
