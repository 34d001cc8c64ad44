package cn.shuangcheng.servicesupport.web;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.spring.stereotype.Aggregate;

import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;

/** The test service's aggregate: opened, renamed, closed; it throws the domain exceptions. */
@Aggregate
public class Ledger {

    public record OpenLedger(String id, String name) {
    }

    public record RenameLedger(@TargetAggregateIdentifier String id, @TargetAggregateVersion Long expectedVersion,
            String name) {
    }

    public record CloseLedger(@TargetAggregateIdentifier String id) {
    }

    public record LedgerOpened(String id, String name) {
    }

    public record LedgerRenamed(String id, String name) {
    }

    public record LedgerClosed(String id) {
    }

    @AggregateIdentifier
    private String id;
    private boolean closed;

    protected Ledger() {
    }

    @CommandHandler
    public Ledger(OpenLedger command) {
        if (command.name().equalsIgnoreCase("reserved")) {
            throw new RuleViolatedException("name", "'reserved' is not available as a ledger name");
        }
        apply(new LedgerOpened(command.id(), command.name()));
    }

    @CommandHandler
    public long handle(RenameLedger command) {
        if (closed) {
            throw new StateConflictException("The ledger is closed.");
        }
        apply(new LedgerRenamed(id, command.name()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(CloseLedger command) {
        if (closed) {
            throw new StateConflictException("The ledger is already closed.");
        }
        apply(new LedgerClosed(id));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(LedgerOpened event) {
        this.id = event.id();
    }

    @EventSourcingHandler
    void on(LedgerClosed event) {
        this.closed = true;
    }
}
