package cn.shuangcheng.projects.intake.mongo;

import cn.shuangcheng.projects.intake.api.RowOutcome;
import io.swagger.v3.oas.annotations.media.Schema;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * Intake batches in MongoDB: one document per batch ({@code intake_batches}: who sent it, its idempotency key,
 * status and row count) and one per row ({@code intake_rows}: the item as received and its outcome), so that a
 * batch of 10,000 rows stays far below MongoDB's 16 MB document limit, a restart can finish what it began, and
 * results are read a page at a time. The unique index on (principal, idempotency key) is the claim: a resent
 * batch finds the first one.
 * <p>
 * Rows are written while the body is still being read ({@link RowWriter}, a few hundred at a time) and the batch
 * document last, so that a batch that exists always has all its rows and no request holds all of them. Which
 * instance processes a batch, and the fencing of its writes, is {@link IntakeBatchLeases}.
 */
public class IntakeBatchStore {

    public enum Status { RECEIVED, PROCESSING, COMPLETED }

    /** A batch as GET answers it: the summary, without the rows (they are paged, {@link #results}). */
    @Schema(description = "An intake batch: its status and how many rows have which outcome so far")
    public record BatchView(@Schema(example = "0b9f4c1e-6d2a-4f5b-8e3c-7a1d2b3c4d5e", requiredMode = REQUIRED) String id,
                            @Schema(example = "COMPLETED", requiredMode = REQUIRED) Status status,
                            @Schema(description = "Rows in the batch", example = "42", requiredMode = REQUIRED) int rows,
                            @Schema(example = "42", requiredMode = REQUIRED) int processed,
                            @Schema(example = "40", requiredMode = REQUIRED) int accepted,
                            @Schema(example = "1", requiredMode = REQUIRED) int rejected,
                            @Schema(example = "1", requiredMode = REQUIRED) int unchanged) {
    }

    /** A page of row outcomes. */
    @Schema(description = "A page of row outcomes, in row order")
    public record ResultPage(@Schema(requiredMode = REQUIRED) List<RowOutcome> items,
                             @Schema(example = "0", requiredMode = REQUIRED) int page,
                             @Schema(example = "50", requiredMode = REQUIRED) int size,
                             @Schema(description = "Rows with this outcome so far", example = "42",
                                     requiredMode = REQUIRED) long total) {
    }

    /** A row as stored: the item's JSON as received, or the reason it was not kept. */
    public record StoredRow(int row, String itemJson, String refusal) {
    }

    /** What a submission found: a new batch, or the one this key already named. */
    public record Claim(String batchId, boolean created, boolean samePayload) {
    }

    /** Rows written to the store in small chunks as they are read: memory is one chunk, not the batch. */
    public final class RowWriter {

        private static final int CHUNK_ROWS = 500;
        private static final int CHUNK_CHARS = 1_000_000;

        private final String batchId = UUID.randomUUID().toString();
        private final List<Document> chunk = new ArrayList<>();
        private int chunkChars;
        private int written;

        public String batchId() {
            return batchId;
        }

        public void add(String itemJson, String refusal) {
            written++;
            Document row = new Document("batchId", batchId).append("row", written);
            if (itemJson != null) {
                row.append("item", itemJson);
                chunkChars += itemJson.length();
            } else {
                row.append("refusal", refusal);
            }
            chunk.add(row);
            if (chunk.size() >= CHUNK_ROWS || chunkChars >= CHUNK_CHARS) {
                flush();
            }
        }

        void flush() {
            if (!chunk.isEmpty()) {
                rows.insertMany(chunk);
                chunk.clear();
                chunkChars = 0;
            }
        }

        /** Removes what was written: the batch was refused (too many rows, unreadable) or lost the claim. */
        public void discard() {
            chunk.clear();
            rows.deleteMany(eq("batchId", batchId));
        }
    }

    private final MongoCollection<Document> batches;
    private final MongoCollection<Document> rows;
    private final Clock clock;
    private final int maxPendingBatches;

    /**
     * @param maxPendingBatches how many batches not yet completed one principal may have
     *                          ({@code shuangcheng.intake.max-pending-batches}; see {@link #backlogIsFull})
     */
    public IntakeBatchStore(MongoDatabase database, Clock clock, int maxPendingBatches) {
        this.batches = database.getCollection("intake_batches");
        this.rows = database.getCollection("intake_rows");
        this.clock = clock;
        this.maxPendingBatches = maxPendingBatches;
        batches.createIndex(Indexes.ascending("principal", "idempotencyKey"), new IndexOptions().unique(true));
        // a principal's batches not yet completed: the backlog limit, counted at every submission
        batches.createIndex(Indexes.ascending("principal", "status"));
        rows.createIndex(Indexes.ascending("batchId", "row"), new IndexOptions().unique(true));
        // counts per outcome and the pages of one outcome, in row order
        rows.createIndex(Indexes.ascending("batchId", "outcome.outcome", "row"));
    }

    /** The batch this principal already sent with this key, if any. */
    public Optional<Claim> existing(String principal, String idempotencyKey, String payloadHash) {
        return find(principal, idempotencyKey).map(batch -> claimOf(batch, payloadHash));
    }

    /**
     * Whether this principal already has its limit of batches not completed yet (received, or being processed): then
     * it may not add one, so that one client's backlog cannot fill the store or hold every other client's batches
     * behind it. Asked before a body is read and again before it is registered; two uploads of one principal that
     * register at the same instant may still both find room.
     */
    public boolean backlogIsFull(String principal) {
        return batches.countDocuments(and(eq("principal", principal),
                        in("status", Status.RECEIVED.name(), Status.PROCESSING.name())),
                new CountOptions().limit(maxPendingBatches)) >= maxPendingBatches;
    }

    public int maxPendingBatches() {
        return maxPendingBatches;
    }

    public RowWriter newRows() {
        return new RowWriter();
    }

    /**
     * Stores the batch document once all its rows are written, or finds the batch the same principal sent with the
     * same key meanwhile (then the rows written are removed).
     */
    public Claim register(RowWriter written, String principal, String idempotencyKey, String payloadHash) {
        written.flush();
        try {
            batches.insertOne(new Document("_id", written.batchId()).append("principal", principal)
                    .append("idempotencyKey", idempotencyKey).append("payloadHash", payloadHash)
                    .append("status", Status.RECEIVED.name()).append("rows", written.written)
                    .append("receivedAt", Date.from(clock.instant())));
            return new Claim(written.batchId(), true, true);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // A concurrent submission with the same key won: drop our rows, answer with its batch.
            written.discard();
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

    /** The next rows after {@code afterRow} still without an outcome, in row order: what is left to do. */
    public List<StoredRow> pendingRows(String batchId, int afterRow, int limit) {
        List<StoredRow> pending = new ArrayList<>();
        rows.find(and(eq("batchId", batchId), gt("row", afterRow), eq("outcome", null)))
                .sort(Sorts.ascending("row")).limit(limit)
                .forEach(d -> pending.add(new StoredRow(d.getInteger("row"), d.getString("item"),
                        d.getString("refusal"))));
        return pending;
    }

    /**
     * Writes the row's outcome if the row has none yet and carries the lease's epoch
     * ({@link IntakeBatchLeases#fenceRows}); false when it matched nothing, i.e. another instance has claimed the
     * batch since. The row is named by a plain
     * document with both fields of its unique index first: MongoDB treats it like {@code Filters.and}, and the
     * in-JVM stand-in then answers it from the index (it scans for {@code $and}).
     */
    public boolean recordOutcome(BatchLease held, RowOutcome outcome) {
        Document row = new Document("batchId", held.batchId()).append("row", outcome.row())
                .append("leaseEpoch", held.epoch()).append("outcome", null);
        return rows.updateOne(row, Updates.set("outcome", toDocument(outcome))).getMatchedCount() == 1;
    }

    /** The batch's summary, if it exists and was sent by {@code principal} (another client's batch is not found). */
    public Optional<BatchView> view(String batchId, String principal) {
        Document batch = batches.find(eq("_id", batchId)).first();
        if (batch == null || !principal.equals(batch.getString("principal"))) {
            return Optional.empty();
        }
        int accepted = count(batchId, RowOutcome.Outcome.ACCEPTED);
        int rejected = count(batchId, RowOutcome.Outcome.REJECTED);
        int unchanged = count(batchId, RowOutcome.Outcome.UNCHANGED);
        return Optional.of(new BatchView(batchId, Status.valueOf(batch.getString("status")),
                batch.getInteger("rows", 0), accepted + rejected + unchanged, accepted, rejected, unchanged));
    }

    private int count(String batchId, RowOutcome.Outcome outcome) {
        return (int) rows.countDocuments(byOutcome(batchId, outcome));
    }

    private static Bson byOutcome(String batchId, RowOutcome.Outcome outcome) {
        return outcome == null ? and(eq("batchId", batchId), exists("outcome"))
                : and(eq("batchId", batchId), eq("outcome.outcome", outcome.name()));
    }

    /** One page of the processed rows' outcomes (of one outcome, when given), in row order. */
    public ResultPage results(String batchId, RowOutcome.Outcome outcome, int page, int size) {
        Bson filter = byOutcome(batchId, outcome);
        List<RowOutcome> items = new ArrayList<>();
        rows.find(filter).sort(Sorts.ascending("row")).skip(Math.multiplyExact(page, size)).limit(size)
                .forEach(d -> items.add(fromDocument(d.getInteger("row"), d.get("outcome", Document.class))));
        return new ResultPage(items, page, size, rows.countDocuments(filter));
    }

    /** Every rejected row with the item as received, in row order, one at a time (for the CSV of rejections). */
    public void forEachRejected(String batchId, Consumer<RejectedRow> action) {
        rows.find(byOutcome(batchId, RowOutcome.Outcome.REJECTED)).sort(Sorts.ascending("row"))
                .batchSize(100)
                .forEach(d -> action.accept(new RejectedRow(d.getString("item"),
                        fromDocument(d.getInteger("row"), d.get("outcome", Document.class)))));
    }

    /** A rejected row: what was received ({@code null} when it was not kept) and why it was rejected. */
    public record RejectedRow(String itemJson, RowOutcome outcome) {
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
