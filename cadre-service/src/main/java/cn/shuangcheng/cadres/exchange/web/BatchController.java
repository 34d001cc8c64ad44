package cn.shuangcheng.cadres.exchange.web;

import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.CreateExchangeBatchCommand;
import cn.shuangcheng.cadres.exchange.registration.BatchDirectory;
import cn.shuangcheng.cadres.exchange.web.ExchangeRequests.CreateBatch;
import cn.shuangcheng.support.domain.StateConflictException;
import cn.shuangcheng.support.web.WriteResponses;
import cn.shuangcheng.support.web.WriteResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
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

/**
 * Exchange batches. A batch's id is derived from its number ({@link BatchDirectory#idOf}); creating a number that
 * exists is 409 — rather than 200 with the existing id as for projects, because a second creation may carry another
 * quota or date, and silently keeping the first would hide that. A client that wants to create a batch only if it
 * is missing reads it first by its number, and can compare what exists with what it would have sent.
 */
@RestController
@RequestMapping("/api/v1/batches")
@Tag(name = "Batches", description = "Yearly batches of the Sichuan–Chongqing cadre exchange (川渝互派挂职干部)")
class BatchController {

    static final int DEFAULT_QUOTA = 50;
    static final int DEFAULT_TERM_MONTHS = 12;

    private final CommandGateway commands;
    private final BatchDirectory batches;

    BatchController(CommandGateway commands, BatchDirectory batches) {
        this.commands = commands;
        this.batches = batches;
    }

    @PostMapping
    @Operation(summary = "Create a batch", description = "quotaPerDirection defaults to 50, termMonths to 12. "
            + "201 with the batch id; a number that exists is 409.")
    ResponseEntity<WriteResult> create(@Valid @RequestBody CreateBatch body) {
        if (batches.exists(body.number())) {
            throw exists(body.number());
        }
        String id = BatchDirectory.idOf(body.number());
        try {
            long version = commands.sendAndWait(new CreateExchangeBatchCommand(id, body.number(), body.year(),
                    body.dispatchedOn(), body.quotaPerDirection() == null ? DEFAULT_QUOTA : body.quotaPerDirection(),
                    body.termMonths() == null ? DEFAULT_TERM_MONTHS : body.termMonths()));
            return WriteResponses.created(new WriteResult(id, version));
        } catch (RuntimeException e) {
            if (isCollision(e)) {
                throw exists(body.number());
            }
            throw e;
        }
    }

    @GetMapping("/{number}")
    @Operation(summary = "A batch by its number", description = "The batch as created: id, number, year, "
            + "dispatchedOn, quotaPerDirection, termMonths; 404 for a number that does not exist. Needs cadres:write, "
            + "reports:read or cadres:pii.")
    BatchView batch(@PathVariable int number) {
        return batches.find(number)
                .map(b -> new BatchView(b.batchId(), b.number(), b.year(), b.dispatchedOn(), b.quotaPerDirection(),
                        b.termMonths()))
                .orElseThrow(() -> new AggregateNotFoundException(BatchDirectory.idOf(number), "no batch " + number));
    }

    record BatchView(String id, int number, int year, LocalDate dispatchedOn, int quotaPerDirection, int termMonths) {
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
