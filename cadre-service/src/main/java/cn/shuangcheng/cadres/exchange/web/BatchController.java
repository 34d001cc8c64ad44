package cn.shuangcheng.cadres.exchange.web;

import io.swagger.v3.oas.annotations.media.Schema;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.CreateExchangeBatchCommand;
import cn.shuangcheng.cadres.exchange.application.BatchDirectory;
import cn.shuangcheng.cadres.exchange.web.ExchangeRequests.CreateBatch;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.support.web.WriteResponses;
import cn.shuangcheng.support.web.CreatesResource;
import cn.shuangcheng.support.web.WriteResult;
import cn.shuangcheng.support.web.VersionedRead;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.domain.ExchangeBatch;
import cn.shuangcheng.servicesupport.eventstore.AggregateReads;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Map;

/**
 * Exchange batches. A batch's id is derived from its number ({@link BatchDirectory#idOf}); creating a number that
 * exists is 409 — rather than 200 with the existing id as for projects, because a second creation may carry another
 * quota or date, and silently keeping the first would hide that. A client that wants to create a batch only if it
 * is missing reads it first by its number, and can compare what exists with what it would have sent.
 */
@RestController
@RequestMapping("/api/v1/batches")
@Tag(name = "Batches", description = "Yearly batches of the Sichuan–Chongqing cadre exchange (川渝互派挂职干部)")
record BatchController(CommandGateway commands, BatchDirectory batches, Configuration axon) {

    static final int DEFAULT_QUOTA = 50;
    static final int DEFAULT_TERM_MONTHS = 12;

    @PostMapping
    @Operation(summary = "Create a batch", description = "quotaPerDirection defaults to 50, termMonths to 12. "
            + "201 with the batch id; a number that exists is 409.")
    @CreatesResource
    ResponseEntity<WriteResult> create(@Valid @RequestBody CreateBatch body) {
        if (batches.exists(body.number())) {
            throw exists(body.number());
        }
        String id = BatchDirectory.idOf(body.number());
        try {
            long version = commands.sendAndWait(new CreateExchangeBatchCommand(id, body.number(), body.year(),
                    body.dispatchedOn(), body.quotaPerDirection() == null ? DEFAULT_QUOTA : body.quotaPerDirection(),
                    body.termMonths() == null ? DEFAULT_TERM_MONTHS : body.termMonths()));
            // the batch is read by its number (GET /api/v1/batches/{number}), so that is where Location leads
            return WriteResponses.created(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{number}")
                    .buildAndExpand(body.number()).toUri(), new WriteResult(id, version));
        } catch (RuntimeException e) {
            if (isCollision(e)) {
                throw exists(body.number());
            }
            throw e;
        }
    }

    @VersionedRead
    @GetMapping("/{number}")
    @Operation(operationId = "getBatch",
            summary = "A batch by its number", description = "The batch as decided now: id, number, year, "
            + "dispatchedOn, quotaPerDirection, termMonths, placesTaken per direction, and its version (also the "
            + "ETag); 404 for a number that does not exist. Needs cadres:write, reports:read or cadres:pii.")
    ResponseEntity<BatchView> batch(@PathVariable int number) {
        BatchDirectory.BatchFacts facts = batches.find(number)
                .orElseThrow(() -> new AggregateNotFoundException(BatchDirectory.idOf(number), "no batch " + number));
        AggregateReads.Versioned<Map<Direction, Integer>> places = AggregateReads.read(
                axon.repository(ExchangeBatch.class), facts.batchId(), ExchangeBatch::placesTaken);
        return ResponseEntity.ok().eTag(String.valueOf(places.version())).body(new BatchView(facts.batchId(),
                facts.number(), facts.year(), facts.dispatchedOn(), facts.quotaPerDirection(), facts.termMonths(),
                places.answer(), places.version()));
    }

    @Schema(description = "A batch of the cadre exchange as decided now; the version is also the ETag")
    record BatchView(
            @Schema(description = "Derived from the number", example = "e3ee3a58-bfb5-37e6-b4c8-b54f7e2ba402", requiredMode = Schema.RequiredMode.REQUIRED) String id,
            @Schema(example = "1", requiredMode = Schema.RequiredMode.REQUIRED) int number,
            @Schema(example = "2020", requiredMode = Schema.RequiredMode.REQUIRED) int year,
            @Schema(example = "2020-09-01", requiredMode = Schema.RequiredMode.REQUIRED) LocalDate dispatchedOn,
            @Schema(example = "51", requiredMode = Schema.RequiredMode.REQUIRED) int quotaPerDirection,
            @Schema(example = "12", requiredMode = Schema.RequiredMode.REQUIRED) int termMonths,
            @Schema(description = "Places taken per direction", example = "{\"SICHUAN_TO_CHONGQING\": 51, "
                    + "\"CHONGQING_TO_SICHUAN\": 50}", requiredMode = Schema.RequiredMode.REQUIRED) Map<Direction, Integer> placesTaken,
            @Schema(description = "Its version: send it back as If-Match", example = "101", requiredMode = Schema.RequiredMode.REQUIRED)
            long version) {
    }

    private static StateConflictException exists(int number) {
        return new StateConflictException("batch " + number + " exists (id " + BatchDirectory.idOf(number) + ")");
    }

    private static boolean isCollision(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
