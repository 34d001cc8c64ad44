package cn.shuangcheng.cadres.registry;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import cn.shuangcheng.kernel.NaturalKeyIds;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.support.outage.MongoOutages;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The registry of seconded cadres: the one place that holds a cadre's name and personnel number, in cadre-service's
 * own MongoDB database (collection {@value #COLLECTION}). Everything else — events, Kafka, the read model, logs —
 * knows a cadre by a random, pseudonymous {@code cadreId}.
 * <p>
 * One document per person: {@code _id} = cadreId, {@code personnelNo} (unique index), {@code name}, and
 * {@code secondmentIds}, the secondments being registered or stored for the person (added before the registration
 * is decided, and {@linkplain #withdraw withdrawn} when it is refused with nothing stored; the event store says
 * which exist), {@code pending}, those of them not yet decided ({@code {secondmentId, batchId, since}}), so
 * that a registration whose process died in the middle is found and decided later, and {@code requests}, those
 * registered by a request with an {@code Idempotency-Key} ({@code {requestId, secondmentId}}; ids only, so they stay
 * through an erasure), by which the same request sent again finds its secondment.
 * <p>
 * Claiming a person is an insert: the unique index on {@code personnelNo} decides between two concurrent first
 * registrations of one person (it holds on the MongoDB stand-in too, unlike its findOneAndUpdate).
 * <p>
 * <b>Not an oracle.</b> A person is found by the personnel number alone; the name of a registration is stored when
 * the person is first registered and never compared afterwards. A caller who sends a known number with another name
 * therefore gets exactly the answer an unknown number gets, and cannot probe whether a name belongs to a number (it
 * used to be refused with "registered under a different name", which told exactly that). A mistyped name is
 * corrected by the registered one; a mistyped number is seen by a {@code cadres:pii} reader of the secondment.
 * <p>
 * <b>Erasure.</b> {@link #erase} removes the name and replaces the personnel number with a marker document
 * {@code {erasedCadre: cadreId}}: unique per person, so the unique index needs no change, and never equal to a
 * personnel number (a string), so no registration finds the erased person again; a new registration with the same
 * number is a new person. The entry itself stays, pseudonymous, so that the person's secondments still belong to
 * someone. Backups of the database are outside this: they age out under the operator's retention.
 */
public class CadreRegistry {

    static final String COLLECTION = "cadres";
    private static final String PERSONNEL_NO = "personnelNo";
    private static final String NAME = "name";
    private static final String SECONDMENT_IDS = "secondmentIds";
    private static final String ERASED_AT = "erasedAt";
    private static final String ERASED_BY = "erasedBy";
    private static final String ERASURE_RECORDED = "erasureRecorded";
    private static final String PENDING = "pending";
    private static final String SECONDMENT_ID = "secondmentId";
    private static final String BATCH_ID = "batchId";
    private static final String SINCE = "since";
    private static final String REGISTERED_AT = "registeredAt";
    private static final String REQUESTS = "requests";
    private static final String REQUEST_ID = "requestId";

    static final String NOT_CANONICAL = "must be written in one canonical form: Unicode NFKC (half-width letters, "
            + "digits and punctuation), without control, invisible or private-use characters";

    private final MongoCollection<Document> cadres;
    private final Clock clock;

    public CadreRegistry(MongoDatabase database, Clock clock) {
        this.cadres = database.getCollection(COLLECTION);
        this.clock = clock;
        cadres.createIndex(Indexes.ascending(PERSONNEL_NO), new IndexOptions().unique(true).name("uniquePersonnelNo"));
        // Not unique, so the stand-in ignores it; on MongoDB it serves the lookup from a secondment to its cadre.
        cadres.createIndex(Indexes.ascending(SECONDMENT_IDS), new IndexOptions().name("secondmentIds"));
        cadres.createIndex(Indexes.ascending(REQUESTS + "." + REQUEST_ID), new IndexOptions().name("requestIds"));
    }

    /**
     * The cadreId of the person with this personnel number, registering the person on first sight. The name is kept
     * from the first registration and not compared (see the class comment: no oracle).
     */
    public String claim(String name, String personnelNo) {
        String cleanName = name.strip();
        String cleanNo = personnelNo.strip();
        for (int attempt = 0; attempt < 3; attempt++) {
            Document existing = cadres.find(Filters.eq(PERSONNEL_NO, cleanNo)).first();
            if (existing != null) {
                return existing.getString("_id");
            }
            if (!NaturalKeyIds.isCanonicalKey(cleanNo)) {
                // one person, one spelling: a full-width or zero-width twin would be a second cadre, unseen by the
                // overlap rule and left out of the person's erasure (numbers stored before this rule still match)
                throw new RuleViolatedException("cadre.personnelNo", NOT_CANONICAL);
            }
            String cadreId = UUID.randomUUID().toString();
            try {
                cadres.insertOne(new Document("_id", cadreId).append(PERSONNEL_NO, cleanNo).append(NAME, cleanName)
                        .append(SECONDMENT_IDS, new ArrayList<String>())
                        .append(REGISTERED_AT, Date.from(clock.instant())));
                return cadreId;
            } catch (MongoWriteException e) {
                // Another request registered the person first; read theirs. The exception's message names the
                // duplicate key (the personnel number): it must not travel further.
                if (MongoOutages.saysUnavailable(e)) {
                    throw e; // 503 with Retry-After; an outage's message names no document
                }
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw new IllegalStateException("registering a cadre failed with MongoDB error code "
                            + e.getError().getCode());
                }
            }
        }
        // registrations of the person that are refused keep withdrawing the entry this one finds: a conflict
        throw new StateConflictException("the person is being registered by other requests at the same time; "
                + "send the request again");
    }

    /**
     * Records that a secondment is being registered for the person: before the overlap decision and the command, so
     * that a decision that no longer sees its reservation finds the secondment here, and so that a refused
     * registration of the same person does not withdraw the entry meanwhile. False if the person's entry
     * is gone: a refused registration {@linkplain #withdraw withdrew} it since it was claimed, and the caller claims
     * the person again. A {@code requestId} (the request's {@code Idempotency-Key}, or null) is noted with it.
     */
    public boolean addSecondment(String cadreId, String secondmentId, String batchId, String requestId) {
        Document pending = new Document(SECONDMENT_ID, secondmentId).append(BATCH_ID, batchId)
                .append(SINCE, Date.from(clock.instant()));
        List<Bson> updates = new ArrayList<>(List.of(Updates.addToSet(SECONDMENT_IDS, secondmentId),
                Updates.push(PENDING, pending)));
        if (requestId != null) {
            updates.add(Updates.push(REQUESTS,
                    new Document(REQUEST_ID, requestId).append(SECONDMENT_ID, secondmentId)));
        }
        return cadres.updateOne(Filters.eq("_id", cadreId), Updates.combine(updates)).getMatchedCount() == 1;
    }

    /** A secondment a keyed request registers: whose, whether that person was erased, whether still pending. */
    public record RequestedSecondment(String cadreId, String secondmentId, boolean erased, boolean pending) {
    }

    /** The secondments registered by the request (one, unless it was sent again at once), whoever they belong to. */
    public List<RequestedSecondment> requested(String requestId) {
        List<RequestedSecondment> found = new ArrayList<>();
        for (Document cadre : cadres.find(Filters.eq(REQUESTS + "." + REQUEST_ID, requestId))) {
            List<Document> pending = cadre.getList(PENDING, Document.class, List.of());
            for (Document request : cadre.getList(REQUESTS, Document.class, List.of())) {
                if (requestId.equals(request.getString(REQUEST_ID))) {
                    String secondmentId = request.getString(SECONDMENT_ID);
                    boolean undecided = pending.stream()
                            .anyMatch(entry -> secondmentId.equals(entry.getString(SECONDMENT_ID)));
                    found.add(new RequestedSecondment(cadre.getString("_id"), secondmentId,
                            cadre.containsKey(ERASED_AT), undecided));
                }
            }
        }
        return found;
    }

    /**
     * The registration of this secondment was decided and stored: it is no longer pending. A registration whose
     * process died before it got here stays pending until {@code AbandonedRegistrations} settles or withdraws it.
     */
    public void settle(String cadreId, String secondmentId) {
        cadres.updateOne(Filters.eq("_id", cadreId), Updates.pull(PENDING, new Document(SECONDMENT_ID, secondmentId)));
    }

    /** Registrations still pending that were begun before {@code before}: their process has most likely died. */
    public List<PendingRegistration> pendingBefore(Instant before) {
        List<PendingRegistration> found = new ArrayList<>();
        for (Document cadre : cadres.find(Filters.lt(PENDING + "." + SINCE, Date.from(before)))) {
            for (Document pending : cadre.getList(PENDING, Document.class, List.of())) {
                if (pending.getDate(SINCE).toInstant().isBefore(before)) {
                    found.add(new PendingRegistration(cadre.getString("_id"), pending.getString(SECONDMENT_ID),
                            pending.getString(BATCH_ID)));
                }
            }
        }
        return found;
    }

    /**
     * Deletes the people first registered before {@code before} who never got a secondment: a registration claimed
     * them and its process died, or its {@link #addSecondment} failed, before the secondment was added, so nothing is
     * pending and nothing else would ever take their name and number back. An entry is empty only between a claim
     * and its addSecondment (a withdrawal deletes one it empties), so one that old is abandoned; a registration that
     * claimed it again just now finds it gone in addSecondment and claims anew. Erased entries stay.
     *
     * @return how many were deleted
     */
    public long deleteNeverUsedBefore(Instant before) {
        return cadres.deleteMany(Filters.and(Filters.size(SECONDMENT_IDS, 0),
                Filters.lt(REGISTERED_AT, Date.from(before)), Filters.exists(ERASED_AT, false))).getDeletedCount();
    }

    /** A secondment being registered for a person, with the batch it takes its place in. */
    public record PendingRegistration(String cadreId, String secondmentId, String batchId) {
    }

    /**
     * Takes back a registration that was refused and stored nothing: its secondment id leaves the person's entry,
     * and the entry itself, with the name and personnel number, goes if no other secondment is in it — so a refused
     * registration of a new person leaves no personal data behind. The delete's filter ({@code secondmentIds} empty)
     * is decided by MongoDB: an entry another registration has added its secondment to in the meantime stays; one
     * that registration only claimed and had not yet added to is deleted, and its {@link #addSecondment} then
     * answers false.
     */
    public void withdraw(String cadreId, String secondmentId) {
        cadres.updateOne(Filters.eq("_id", cadreId), Updates.combine(Updates.pull(SECONDMENT_IDS, secondmentId),
                Updates.pull(PENDING, new Document(SECONDMENT_ID, secondmentId)),
                Updates.pull(REQUESTS, new Document(SECONDMENT_ID, secondmentId))));
        cadres.deleteOne(Filters.and(Filters.eq("_id", cadreId), Filters.size(SECONDMENT_IDS, 0),
                Filters.exists(ERASED_AT, false)));
    }

    /**
     * Erases the person's name and personnel number for good (see the class comment); the erasure (the first one's
     * principal and time) if there is such a cadre, erased now or before. Idempotent: a second erasure changes nothing. A registration that claimed the person just before the erasure still adds its secondment
     * to the erased entry: the secondment then shows the person as erased, and its request's name and number were
     * never stored (the claim found the entry).
     */
    public Optional<Erasure> erase(String cadreId, String principal) {
        cadres.updateOne(Filters.and(Filters.eq("_id", cadreId), Filters.exists(ERASED_AT, false)),
                Updates.combine(Updates.unset(NAME), Updates.set(PERSONNEL_NO, new Document("erasedCadre", cadreId)),
                        Updates.set(ERASED_AT, Date.from(clock.instant())), Updates.set(ERASED_BY, principal)));
        return Optional.ofNullable(cadres.find(Filters.eq("_id", cadreId)).first()).map(CadreRegistry::erasure);
    }

    /** Who erased the person and when, the first time; entries erased before this was kept name no one. */
    public record Erasure(String cadreId, String principal, Instant erasedAt) {
    }

    private static Erasure erasure(Document cadre) {
        String principal = cadre.getString(ERASED_BY);
        return new Erasure(cadre.getString("_id"), principal == null ? "unrecorded" : principal,
                cadre.getDate(ERASED_AT).toInstant());
    }

    /** The erasure's audit event is stored: the repair ({@link #erasuresNotRecordedBefore}) passes it by. */
    public void erasureRecorded(String cadreId) {
        cadres.updateOne(Filters.eq("_id", cadreId), Updates.set(ERASURE_RECORDED, true));
    }

    /** Erasures older than {@code before} whose audit event was not recorded (their process died first), the 100 oldest. */
    public List<Erasure> erasuresNotRecordedBefore(Instant before) {
        List<Erasure> found = new ArrayList<>();
        cadres.find(Filters.and(Filters.lt(ERASED_AT, Date.from(before)), Filters.ne(ERASURE_RECORDED, true)))
                .sort(Sorts.ascending(ERASED_AT)).limit(100).forEach(cadre -> found.add(erasure(cadre)));
        return found;
    }

    /** The cadreId of the person with this personnel number, if registered and not erased; claims no one. */
    public Optional<String> cadreIdOf(String personnelNo) {
        return Optional.ofNullable(cadres.find(Filters.eq(PERSONNEL_NO, personnelNo.strip())).first())
                .map(cadre -> cadre.getString("_id"));
    }

    public List<String> secondmentsOf(String cadreId) {
        Document cadre = cadres.find(Filters.eq("_id", cadreId)).first();
        return cadre == null ? List.of() : cadre.getList(SECONDMENT_IDS, String.class, List.of());
    }

    /** The person a secondment belongs to. */
    public Optional<CadreIdentity> ofSecondment(String secondmentId) {
        return Optional.ofNullable(cadres.find(Filters.eq(SECONDMENT_IDS, secondmentId)).first())
                .map(CadreRegistry::identity);
    }

    public Map<String, CadreIdentity> identities(Collection<String> cadreIds) {
        Map<String, CadreIdentity> found = new HashMap<>();
        if (cadreIds.isEmpty()) {
            return found;
        }
        for (Document cadre : cadres.find(Filters.in("_id", cadreIds))) {
            CadreIdentity identity = identity(cadre);
            found.put(identity.cadreId(), identity);
        }
        return found;
    }

    private static CadreIdentity identity(Document cadre) {
        if (cadre.containsKey(ERASED_AT)) {
            return CadreIdentity.erasedOne(cadre.getString("_id"));
        }
        return new CadreIdentity(cadre.getString("_id"), cadre.getString(NAME), cadre.getString(PERSONNEL_NO));
    }
}
