package cn.shuangcheng.projects.intake;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

/**
 * Intake batches in MongoDB: one document per batch ({@code intake_batches}: who sent it, its idempotency key,
 * status and counts) and one per row ({@code intake_rows}: the item as received and its outcome), so that a
 * batch of 10,000 rows stays far below MongoDB's 16 MB document limit and a restart can finish what it began.
 * The unique index on (principal, idempotency key) is the claim: a resent batch finds the first one.
 */
public class IntakeBatchStore {

    public enum Status { RECEIVED, PROCESSING, COMPLETED }

    /** A batch as GET answers it. */
    public record BatchView(String id, Status status, int rows, int accepted, int rejected, int unchanged,
                            List<RowOutcome> results) {
    }

    /** What a submission found: a new batch, or the one this key already named. */
    public record Claim(String batchId, boolean created, boolean samePayload) {
    }

    private final MongoCollection<Document> batches;
    private final MongoCollection<Document> rows;
    private final Clock clock;

    public IntakeBatchStore(MongoDatabase database, Clock clock) {
        this.batches = database.getCollection("intake_batches");
        this.rows = database.getCollection("intake_rows");
        this.clock = clock;
        batches.createIndex(Indexes.ascending("principal", "idempotencyKey"), new IndexOptions().unique(true));
        rows.createIndex(Indexes.ascending("batchId", "row"), new IndexOptions().unique(true));
    }

    /**
     * Stores a new batch with its rows, or finds the batch the same principal sent with the same key. The
     * rows are written before the batch document, so a batch that exists always has all its rows.
     */
    public Claim claim(String principal, String idempotencyKey, String payloadHash, List<String> itemsJson) {
        Optional<Document> existing = find(principal, idempotencyKey);
        if (existing.isPresent()) {
            return claimOf(existing.get(), payloadHash);
        }
        String batchId = UUID.randomUUID().toString();
        List<Document> rowDocuments = new ArrayList<>();
        for (int i = 0; i < itemsJson.size(); i++) {
            rowDocuments.add(new Document("batchId", batchId).append("row", i + 1).append("item", itemsJson.get(i)));
        }
        if (!rowDocuments.isEmpty()) {
            rows.insertMany(rowDocuments);
        }
        try {
            batches.insertOne(new Document("_id", batchId).append("principal", principal)
                    .append("idempotencyKey", idempotencyKey).append("payloadHash", payloadHash)
                    .append("status", Status.RECEIVED.name()).append("rows", itemsJson.size())
                    .append("receivedAt", Date.from(clock.instant())));
            return new Claim(batchId, true, true);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // A concurrent submission with the same key won: drop our rows, answer with its batch.
            rows.deleteMany(eq("batchId", batchId));
            return claimOf(find(principal, idempotencyKey).orElseThrow(() -> e), payloadHash);
        }
    }

    private static Claim claimOf(Document batch, String payloadHash) {
        return new Claim(batch.getString("_id"), false, payloadHash.equals(batch.getString("payloadHash")));
    }

    private Optional<Document> find(String principal, String idempotencyKey) {
        return Optional.ofNullable(batches.find(and(eq("principal", principal), eq("idempotencyKey", idempotencyKey)))
                .first());
    }

    /** Batches a restart must finish: received or interrupted while processing, oldest first. */
    public List<String> unfinished() {
        List<String> ids = new ArrayList<>();
        batches.find(ne("status", Status.COMPLETED.name())).sort(Sorts.ascending("receivedAt"))
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    public String principalOf(String batchId) {
        Document batch = batches.find(eq("_id", batchId)).first();
        return batch == null ? null : batch.getString("principal");
    }

    public void markProcessing(String batchId) {
        batches.updateOne(eq("_id", batchId), Updates.set("status", Status.PROCESSING.name()));
    }

    /** Rows still without an outcome, in row order: what a (re)started processing has left to do. */
    public List<Document> pendingRows(String batchId) {
        List<Document> pending = new ArrayList<>();
        rows.find(and(eq("batchId", batchId), eq("outcome", null))).sort(Sorts.ascending("row"))
                .forEach(pending::add);
        return pending;
    }

    /**
     * The row is named by a plain document of both fields of its unique index: MongoDB treats it like
     * {@code Filters.and}, and the in-JVM stand-in then answers it from the index (it scans for {@code $and}).
     */
    public void recordOutcome(String batchId, RowOutcome outcome) {
        rows.updateOne(new Document("batchId", batchId).append("row", outcome.row()),
                Updates.set("outcome", toDocument(outcome)));
    }

    public void complete(String batchId) {
        batches.updateOne(eq("_id", batchId), Updates.combine(Updates.set("status", Status.COMPLETED.name()),
                Updates.set("completedAt", Date.from(clock.instant()))));
    }

    /** The batch with the outcomes of the rows processed so far, in row order. */
    public Optional<BatchView> view(String batchId) {
        Document batch = batches.find(eq("_id", batchId)).first();
        if (batch == null) {
            return Optional.empty();
        }
        List<RowOutcome> results = new ArrayList<>();
        rows.find(eq("batchId", batchId)).sort(Sorts.ascending("row")).forEach(d -> {
            Document outcome = d.get("outcome", Document.class);
            if (outcome != null) {
                results.add(fromDocument(d.getInteger("row"), outcome));
            }
        });
        return Optional.of(new BatchView(batchId, Status.valueOf(batch.getString("status")),
                batch.getInteger("rows", 0), count(results, RowOutcome.Outcome.ACCEPTED),
                count(results, RowOutcome.Outcome.REJECTED), count(results, RowOutcome.Outcome.UNCHANGED), results));
    }

    private static int count(List<RowOutcome> results, RowOutcome.Outcome outcome) {
        return (int) results.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static Document toDocument(RowOutcome outcome) {
        List<Document> errors = outcome.errors().stream()
                .map(e -> new Document("field", e.field()).append("message", e.message())).toList();
        return new Document("externalRef", outcome.externalRef()).append("outcome", outcome.outcome().name())
                .append("projectId", outcome.projectId()).append("errors", errors)
                .append("warnings", outcome.warnings());
    }

    private static RowOutcome fromDocument(int row, Document d) {
        List<RowOutcome.FieldError> errors = d.getList("errors", Document.class, List.of()).stream()
                .map(e -> new RowOutcome.FieldError(e.getString("field"), e.getString("message"))).toList();
        return new RowOutcome(row, d.getString("externalRef"), RowOutcome.Outcome.valueOf(d.getString("outcome")),
                d.getString("projectId"), errors, d.getList("warnings", String.class, List.of()));
    }
}
