package cn.shuangcheng.servicesupport.deadletter;

import java.util.function.Supplier;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.shuangcheng.support.web.ProblemKind;
import cn.shuangcheng.support.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/v1/admin/dead-letters}: the events a write service's processors parked (scope
 * {@value DeadLettersAutoConfiguration#SCOPE}). Bad input answers problem+json and changes nothing; MongoDB or
 * Kafka unavailable during a retry answers 503 and leaves the events parked.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@Tag(name = "dead letters", description = "Events the publication and read-model processors could not handle, "
        + "parked with their reason; list, retry, drop. Scope " + DeadLettersAutoConfiguration.SCOPE + ".")
record DeadLetterController(DeadLetterAdmin admin) {

    static final int MAX_PAGE_SIZE = 100;
    /** The API's bound of every list (docs/api-guide.md, "Lists"). */
    static final long MAX_PAGE = 10_000;
    static final int MAX_SEQUENCE_ID_LENGTH = 200;

    @GetMapping
    @Operation(operationId = "listDeadLetters", summary = "List parked sequences of a processor",
            description = "One item per aggregate with parked events: the event at its head (the one that failed, "
                    + "with causeType and causeMessage) and how many events wait behind it. Paged (size at most "
                    + MAX_PAGE_SIZE + "). Processors: kafka-publication (both services), secondment-read-model "
                    + "(cadre-service).")
    ResponseEntity<?> list(@Parameter(example = "kafka-publication") @RequestParam String processor,
                           @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) long page,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        return answer(() -> admin.list(processor, page, size));
    }

    @PostMapping("/{sequenceId}/retry")
    @Operation(operationId = "retryDeadLetters", summary = "Retry a parked sequence",
            description = "Handles the aggregate's parked events again, in order. Those that succeed are removed; "
                    + "the first that fails again stays parked with its new reason, and the rest behind it. "
                    + "Answers what was released and what remains.")
    ResponseEntity<?> retry(@PathVariable String sequenceId,
                            @Parameter(example = "kafka-publication") @RequestParam String processor) {
        return answer(sequenceId, () -> admin.retry(processor, sequenceId));
    }

    @DeleteMapping("/{sequenceId}")
    @Operation(operationId = "dropDeadLetter", summary = "Drop the event at the head of a parked sequence",
            description = "Removes the event that failed for good (it is neither published nor projected), then "
                    + "retries the events parked behind it, so that the aggregate's later events flow again.")
    ResponseEntity<?> drop(@PathVariable String sequenceId,
                           @Parameter(example = "kafka-publication") @RequestParam String processor) {
        return answer(sequenceId, () -> admin.drop(processor, sequenceId));
    }

    /** The action's answer for one parked sequence, after the id is checked (the ids are aggregate ids). */
    private static ResponseEntity<?> answer(String sequenceId, Supplier<?> action) {
        if (sequenceId.isBlank() || sequenceId.length() > MAX_SEQUENCE_ID_LENGTH) {
            return problem(ProblemKind.INVALID_REQUEST, "sequenceId must have 1.." + MAX_SEQUENCE_ID_LENGTH
                    + " characters");
        }
        return answer(action);
    }

    private static ResponseEntity<?> answer(Supplier<?> action) {
        try {
            return ResponseEntity.ok(action.get());
        } catch (DeadLetterAdmin.UnknownProcessorException | DeadLetterAdmin.NoSuchSequenceException e) {
            return problem(ProblemKind.NOT_FOUND, e.getMessage());
        } catch (RuntimeException e) {
            if (EventFailureClassifier.classify(e) == FailureKind.INFRASTRUCTURE) {
                return problem(ProblemKind.UNAVAILABLE, "MongoDB or Kafka is unavailable; nothing was changed "
                        + "that a later retry does not repeat. Try again later.");
            }
            throw e;
        }
    }

    private static ResponseEntity<?> problem(ProblemKind kind, String detail) {
        return ResponseEntity.status(kind.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(Problems.of(kind, detail));
    }
}
