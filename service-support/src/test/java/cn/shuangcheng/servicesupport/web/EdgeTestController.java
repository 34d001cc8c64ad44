package cn.shuangcheng.servicesupport.web;

import cn.shuangcheng.support.web.ExpectedVersion;
import cn.shuangcheng.support.web.WriteResponses;
import cn.shuangcheng.support.web.WriteResult;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.YearMonth;

/** The test service's API, written the way a real write service's controller is. */
@RestController
public class EdgeTestController {

    public enum Kind { CASH, BANK }

    public record Entry(@NotNull YearMonth period, @PositiveOrZero long amountYuan) {
    }

    public record OpenLedgerRequest(
            @NotBlank @Size(max = 20) String name,
            @NotNull Kind kind,
            LocalDate openedOn,
            @Size(max = 3) List<@Pattern(regexp = "5[01]\\d{4}") String> regions,
            List<@Valid Entry> entries) {
    }

    public record RenameRequest(@NotBlank String name) {
    }

    public record BulkRequest(@NotEmpty List<String> lines) {
    }

    private final CommandGateway commands;

    public EdgeTestController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/api/test/ledgers")
    public ResponseEntity<WriteResult> open(@Valid @RequestBody OpenLedgerRequest body) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new Ledger.OpenLedger(id, body.name()));
        return WriteResponses.created(new WriteResult(id, 0));
    }

    @PostMapping("/api/test/ledgers/{id}/name")
    public ResponseEntity<WriteResult> rename(@PathVariable String id,
            @ExpectedVersion Long expectedVersion,
            @Valid @RequestBody RenameRequest body) {
        long version = commands.sendAndWait(new Ledger.RenameLedger(id, expectedVersion, body.name()));
        return WriteResponses.ok(new WriteResult(id, version));
    }

    /** Joins the future, as a controller that composes commands would: exceptions arrive wrapped. */
    @PostMapping("/api/test/ledgers/{id}/closure")
    public ResponseEntity<WriteResult> close(@PathVariable String id) {
        long version = commands.<Long>send(new Ledger.CloseLedger(id)).join();
        return WriteResponses.ok(new WriteResult(id, version));
    }

    @GetMapping("/api/test/ledgers")
    public List<String> search(@RequestParam @Min(0) int page, @RequestParam(defaultValue = "50") @Max(500) int size,
            @RequestParam(required = false) Kind kind) {
        return List.of(page + "/" + size + "/" + kind);
    }

    /** Has a larger body limit through shuangcheng.web.request-size-overrides. */
    @PostMapping("/api/test/bulk")
    public ResponseEntity<WriteResult> bulk(@Valid @RequestBody BulkRequest body) {
        return WriteResponses.accepted(new WriteResult("bulk-" + body.lines().size(), 0));
    }

    @GetMapping("/api/test/boom")
    public String boom() {
        throw new IllegalStateException("database password is hunter2");
    }
}
