package cn.shuangcheng.projects.intake;

import cn.shuangcheng.support.web.ProblemKind;
import cn.shuangcheng.support.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The joint office's intake (API.md): a batch of items, JSON or CSV, accepted at once (202) and processed
 * row by row in the background; its status and each row's outcome are read back with GET.
 */
@RestController
@RequestMapping("/api/v1/intake/batches")
@Tag(name = "Intake", description = "Batches of projects as the joint office's intake systems report them")
class IntakeController {

    /** Rows in one batch at most; the body limit for this path (application.yml) is set to fit them. */
    static final int MAX_ROWS = 10_000;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    record Accepted(String id, IntakeBatchStore.Status status, int rows) {
    }

    private final IntakeBatchStore store;
    private final IntakeBatchWorker worker;
    private final JsonMapper json;

    IntakeController(IntakeBatchStore store, IntakeBatchWorker worker, JsonMapper json) {
        this.store = store;
        this.worker = worker;
        this.json = json;
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Submit a batch of intake items", description = "JSON {\"items\": [...]} or text/csv with "
            + "a header row. At most " + MAX_ROWS + " rows (413 beyond). The same Idempotency-Key again answers "
            + "the first batch and processes nothing new; the same key with a different body is 422.")
    ResponseEntity<?> submit(@Parameter(required = true) @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                             String idempotencyKey,
                             @RequestHeader(name = "Content-Type") MediaType contentType,
                             @RequestBody byte[] body, Authentication caller) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            return problem(ProblemKind.INVALID_REQUEST, "the Idempotency-Key header is required (at most 200 "
                    + "characters): a resent batch with the same key is recognised and not processed twice");
        }
        List<String> rows = rowsOf(contentType, body);
        if (rows.size() > MAX_ROWS) {
            return problem(ProblemKind.PAYLOAD_TOO_LARGE, "a batch holds at most " + MAX_ROWS + " rows, this one has "
                    + rows.size() + "; split it into several batches");
        }
        IntakeBatchStore.Claim claim = store.claim(caller.getName(), idempotencyKey.strip(),
                hash(contentType, body), rows);
        if (!claim.samePayload()) {
            return problem(ProblemKind.VALIDATION, "Idempotency-Key " + idempotencyKey.strip()
                    + " was already used for a different batch (" + claim.batchId() + ")");
        }
        if (claim.created()) {
            worker.submit(claim.batchId());
        }
        IntakeBatchStore.BatchView view = store.view(claim.batchId()).orElseThrow();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                        .buildAndExpand(claim.batchId()).toUri())
                .body(new Accepted(view.id(), view.status(), view.rows()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A batch's status and the outcome of every row processed so far")
    ResponseEntity<?> batch(@PathVariable String id) {
        return store.view(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(ProblemKind.NOT_FOUND, "no intake batch " + id));
    }

    @ExceptionHandler({JacksonException.class, IllegalArgumentException.class})
    ResponseEntity<ProblemDetail> unreadable(RuntimeException e) {
        return problem(ProblemKind.MALFORMED_REQUEST, "the batch cannot be read: " + e.getMessage());
    }

    private List<String> rowsOf(MediaType contentType, byte[] body) {
        if (contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return IntakeSubmission.fromJson(json, body);
        }
        return IntakeSubmission.fromCsv(json, new String(body, contentType.getCharset() == null
                ? StandardCharsets.UTF_8 : contentType.getCharset()));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemKind kind, String detail) {
        return ResponseEntity.status(kind.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(kind, detail));
    }

    private static String hash(MediaType contentType, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(contentType.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
