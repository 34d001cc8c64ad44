package cn.shuangcheng.cadres.registry;

import cn.shuangcheng.support.domain.RuleViolatedException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
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
 * {@code secondmentIds}, every secondment ever attempted for the person (added before the registration command is
 * sent, so an id here may belong to a registration that failed; the event store says which exist).
 * <p>
 * Claiming a person is an insert: the unique index on {@code personnelNo} decides between two concurrent first
 * registrations of one person (it holds on the MongoDB stand-in too, unlike its findOneAndUpdate).
 */
public class CadreRegistry {

    static final String COLLECTION = "cadres";
    private static final String PERSONNEL_NO = "personnelNo";
    private static final String NAME = "name";
    private static final String SECONDMENT_IDS = "secondmentIds";

    private final MongoCollection<Document> cadres;
    private final Clock clock;

    public CadreRegistry(MongoDatabase database, Clock clock) {
        this.cadres = database.getCollection(COLLECTION);
        this.clock = clock;
        cadres.createIndex(Indexes.ascending(PERSONNEL_NO), new IndexOptions().unique(true).name("uniquePersonnelNo"));
        // Not unique, so the stand-in ignores it; on MongoDB it serves the lookup from a secondment to its cadre.
        cadres.createIndex(Indexes.ascending(SECONDMENT_IDS), new IndexOptions().name("secondmentIds"));
    }

    /**
     * The cadreId of the person with this personnel number, registering the person on first sight. A personnel
     * number already registered under another name is refused: one of the two is a typing error, and the message
     * says so without repeating either.
     */
    public String claim(String name, String personnelNo) {
        String cleanName = name.strip();
        String cleanNo = personnelNo.strip();
        for (int attempt = 0; attempt < 3; attempt++) {
            Document existing = cadres.find(Filters.eq(PERSONNEL_NO, cleanNo)).first();
            if (existing != null) {
                if (!cleanName.equals(existing.getString(NAME))) {
                    throw new RuleViolatedException("cadre.name",
                            "this personnel number is registered under a different name");
                }
                return existing.getString("_id");
            }
            String cadreId = UUID.randomUUID().toString();
            try {
                cadres.insertOne(new Document("_id", cadreId).append(PERSONNEL_NO, cleanNo).append(NAME, cleanName)
                        .append(SECONDMENT_IDS, new ArrayList<String>())
                        .append("registeredAt", Date.from(clock.instant())));
                return cadreId;
            } catch (MongoWriteException e) {
                // Another request registered the person first; read theirs. The exception's message names the
                // duplicate key (the personnel number): it must not travel further.
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw new IllegalStateException("registering a cadre failed with MongoDB error code "
                            + e.getError().getCode());
                }
            }
        }
        throw new IllegalStateException("registering a cadre did not settle after 3 attempts");
    }

    /**
     * Records that a secondment is being registered for the person: before the command, while its period is reserved,
     * so that a decision that no longer sees the reservation finds the secondment here.
     */
    public void addSecondment(String cadreId, String secondmentId) {
        cadres.updateOne(Filters.eq("_id", cadreId), Updates.addToSet(SECONDMENT_IDS, secondmentId));
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
        return new CadreIdentity(cadre.getString("_id"), cadre.getString(NAME), cadre.getString(PERSONNEL_NO));
    }
}
