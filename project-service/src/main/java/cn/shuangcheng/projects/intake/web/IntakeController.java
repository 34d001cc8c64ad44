package cn.shuangcheng.projects.intake.web;

import cn.shuangcheng.projects.intake.api.IntakeItem;
import cn.shuangcheng.projects.intake.api.RowOutcome;
import cn.shuangcheng.projects.intake.api.IntakeBounds;
import cn.shuangcheng.projects.intake.application.IntakeBatchWorker;
import cn.shuangcheng.projects.intake.mongo.IntakeBatchStore;
import cn.shuangcheng.support.correlation.Principals;
import cn.shuangcheng.support.logging.LogSafe;
import cn.shuangcheng.support.web.ProblemKind;
import cn.shuangcheng.support.web.Problems;
import cn.shuangcheng.support.web.RequestBodyTooLargeException;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The joint office's intake (docs/api-guide.md, "Over REST"): a batch of items, JSON or CSV, accepted at once (202) and
 * processed row by row in the background; its summary, and a page of row outcomes at a time, are read back with GET. A
 * client sees only its own batches: another client's batch is 404, as if it did not exist.
 * <p>
 * The body is read as a stream ({@link IntakeSubmission}) and its rows written to the store a chunk at a time, so
 * a request holds one chunk, never the body; the idempotency hash is taken over every byte as it passes.
 */
@RestController
@RequestMapping("/api/v1/intake/batches")
@Tag(name = "Intake", description = "Batches of projects as the joint office's intake systems report them")
record IntakeController(IntakeBatchStore store, IntakeBatchWorker worker) {

    static final int MAX_ROWS = IntakeBounds.MAX_ROWS;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_PAGE = 10_000;
    static final int MAX_SIZE = 500;
    /** The CSV example of the OpenAPI document: the first project of the demo data, as docs/api-guide.md shows it. */
    static final String CSV_EXAMPLE = "externalRef,name,sector,platform,regions,totalInvestmentYuan,listYear,"
            + "annualPlanYuan,startedOn,investments\nCY-2023-001,成渝中线高铁,INFRASTRUCTURE,,510100;500112,69273000000,"
            + "2023,8000000000,2022-11-28,2023-01:473780000;2023-02:536090000\n";

    @Schema(description = "A batch taken in: it is processed in the background; follow Location for its progress")
    record Accepted(@Schema(example = "0b9f4c1e-6d2a-4f5b-8e3c-7a1d2b3c4d5e", requiredMode = REQUIRED) String id,
                    @Schema(example = "RECEIVED", requiredMode = REQUIRED) IntakeBatchStore.Status status,
                    @Schema(description = "Rows in the batch", example = "42", requiredMode = REQUIRED) int rows) {
    }

    /** The JSON body, for the OpenAPI document: the body itself is read as a stream, never bound whole. */
    @Schema(description = "A batch of at most " + IntakeBounds.MAX_ROWS + " intake items")
    record Batch(@ArraySchema(maxItems = IntakeBounds.MAX_ROWS, schema = @Schema(description = "The items, one per project"))
                 List<IntakeItem> items) {
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Submit a batch of intake items", description = "JSON {\"items\": [...]} or text/csv with "
            + "a header row. At most " + MAX_ROWS + " rows (413 beyond). The same Idempotency-Key again answers "
            + "the first batch and processes nothing new; the same key with a different body is 422.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Batch.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string", description = "a header line "
                            + "naming the item's fields, then one row per item; lists separated by ';', "
                            + "investments as 2023-01:123000;2023-02:456000, milestones as 2023-06-01:name",
                            example = CSV_EXAMPLE))}))
    @ApiResponse(responseCode = "202", description = "Taken in (or, for a key seen before with the same body, the "
            + "first batch): Location leads to the batch", headers = @Header(name = "Location",
            description = "/api/v1/intake/batches/{id}", schema = @Schema(type = "string", format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "429", description = "This client has shuangcheng.intake.max-pending-batches (5) "
            + "batches not yet completed; nothing is stored. Send it again after Retry-After seconds or once one "
            + "of them has completed", headers = @Header(name = "Retry-After", schema = @Schema(type = "integer")),
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    ResponseEntity<?> submit(@Parameter(required = true) @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                             String idempotencyKey,
                             @Parameter(hidden = true) @RequestHeader(name = "Content-Type") MediaType contentType,
                             HttpServletRequest request, Authentication caller) throws IOException {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            return problem(ProblemKind.INVALID_REQUEST, "the Idempotency-Key header is required (at most 200 "
                    + "characters): a resent batch with the same key is recognised and not processed twice");
        }
        String key = idempotencyKey.strip();
        SubmittedBody body = new SubmittedBody(request.getInputStream(), contentType);
        if (store.existing(owner(caller), key, "").isPresent()) {
            body.drain();
            return answer(store.existing(owner(caller), key, body.hash()).orElseThrow(), key, caller);
        }
        if (store.backlogIsFull(owner(caller))) {
            body.drainQuietly();
            return backlogFull();
        }
        IntakeBatchStore.RowWriter rows = store.newRows();
        try {
            read(contentType, body.stream(), rows);
            body.drain();
        } catch (IntakeSubmission.TooManyRowsException e) {
            rows.discard();
            body.drain();
            return problem(ProblemKind.PAYLOAD_TOO_LARGE, "a batch holds at most " + MAX_ROWS + " rows; this one "
                    + "has more. Split it into several batches");
        } catch (RequestBodyTooLargeException e) {
            rows.discard();
            throw e;
        } catch (RuntimeException | IOException e) {
            rows.discard();
            body.drainQuietly();
            throw e;
        }
        try {
            // another upload of this client may have registered while this one was read; a resend of a batch that
            // registered meanwhile is answered with that batch by register, whatever the backlog
            if (store.existing(owner(caller), key, "").isEmpty() && store.backlogIsFull(owner(caller))) {
                rows.discard();
                return backlogFull();
            }
        } catch (RuntimeException e) {
            rows.discard();
            throw e;
        }
        return answer(store.register(rows, owner(caller), key, body.hash()), key, caller);
    }

    private ResponseEntity<ProblemDetail> backlogFull() {
        return ResponseEntity.status(ProblemKind.TOO_MANY_REQUESTS.status()).header("Retry-After", "60")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(ProblemKind.TOO_MANY_REQUESTS,
                        "this client has " + store.maxPendingBatches() + " batches not yet completed; send this one "
                        + "when one of them has completed (GET its Location)"));
    }

    private static void read(MediaType contentType, InputStream body, IntakeBatchStore.RowWriter rows)
            throws IOException {
        IntakeSubmission.Rows sink = new IntakeSubmission.Rows() {
            @Override
            public void row(String itemJson) {
                rows.add(itemJson, null);
            }

            @Override
            public void refused(String reason) {
                rows.add(null, reason);
            }
        };
        try {
            if (contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                IntakeSubmission.readJson(body, sink);
            } else {
                IntakeSubmission.readCsv(body, contentType.getCharset() == null
                        ? StandardCharsets.UTF_8 : contentType.getCharset(), sink);
            }
        } catch (JacksonException e) {
            // the body limit's own exception, however deep the parser wrapped it, answers 413 (RequestBodyLimitFilter)
            for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof RequestBodyTooLargeException tooLarge) {
                    throw tooLarge;
                }
            }
            throw e;
        }
    }

    private ResponseEntity<?> answer(IntakeBatchStore.Claim claim, String key, Authentication caller) {
        if (!claim.samePayload()) {
            return problem(ProblemKind.VALIDATION, "Idempotency-Key " + key + " was already used for a different "
                    + "batch (" + claim.batchId() + ")");
        }
        if (claim.created()) {
            worker.submit(claim.batchId());
        }
        IntakeBatchStore.BatchView view = store.view(claim.batchId(), owner(caller)).orElseThrow();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                        .buildAndExpand(claim.batchId()).toUri())
                .body(new Accepted(view.id(), view.status(), view.rows()));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A batch's status and counts; the rows' outcomes are paged under /results")
    @ApiResponse(responseCode = "200", description = "The batch (another client's batch is 404)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = IntakeBatchStore.BatchView.class)))
    ResponseEntity<?> batch(@PathVariable String id, Authentication caller) {
        return store.view(id, owner(caller)).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> notFound(id));
    }

    @GetMapping(path = "/{id}/results", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The outcomes of the rows processed so far, a page at a time, in row order",
            description = "page at most " + MAX_PAGE + ", size at most " + MAX_SIZE + " (default 50); outcome "
                    + "filters ACCEPTED, UNCHANGED or REJECTED. With Accept: text/csv the rejected rows in the "
                    + "intake's CSV shape plus an errors column.")
    @ApiResponse(responseCode = "200", description = "A page of row outcomes; with Accept: text/csv the rejected rows",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = IntakeBatchStore.ResultPage.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string", description = "UTF-8 with a byte "
                            + "order mark: the rejected rows in the intake's CSV shape plus an errors column"))})
    ResponseEntity<?> results(@PathVariable String id, @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_SIZE) int size,
                              @RequestParam(required = false) RowOutcome.Outcome outcome, Authentication caller) {
        if (store.view(id, owner(caller)).isEmpty()) {
            return notFound(id);
        }
        return ResponseEntity.ok(store.results(id, outcome, page, size));
    }

    @GetMapping(path = "/{id}/results", produces = "text/csv")
    @Operation(summary = "The rejected rows in the intake's CSV shape plus an errors column, ready to fix and resend")
    void rejectedRows(@PathVariable String id, Authentication caller, HttpServletResponse response)
            throws IOException {
        if (store.view(id, owner(caller)).isEmpty()) {
            throw new BatchNotFoundException(id);
        }
        response.setContentType(RejectedRowsCsv.contentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"rejected-" + id + ".csv\"");
        RejectedRowsCsv.write(store, id, response.getOutputStream());
    }

    /** Unknown, or another client's: the same answer, so that batch ids of others cannot be probed. */
    static final class BatchNotFoundException extends RuntimeException {
        BatchNotFoundException(String id) {
            super("no intake batch " + id);
        }
    }

    @ExceptionHandler(BatchNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(BatchNotFoundException e) {
        return problem(ProblemKind.NOT_FOUND, e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> notFound(String id) {
        return problem(ProblemKind.NOT_FOUND, "no intake batch " + LogSafe.text(id));
    }

    @ExceptionHandler({JacksonException.class, IllegalArgumentException.class})
    ResponseEntity<ProblemDetail> unreadable(RuntimeException e) {
        String reason = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
        return problem(ProblemKind.MALFORMED_REQUEST, "the batch cannot be read: " + LogSafe.text(reason));
    }

    /** Whose batches: the client the token names (sub, else client_id or azp); the edge refuses a token naming none. */
    private static String owner(Authentication caller) {
        return Principals.of(caller).orElseThrow();
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemKind kind, String detail) {
        return ResponseEntity.status(kind.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(kind, detail));
    }
}
