package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A small event-sourced aggregate for the event store tests: an account that is opened and receives deposits. */
class TestAccount {

    record OpenAccount(@TargetAggregateIdentifier String accountId) {
    }

    record Deposit(@TargetAggregateIdentifier String accountId, long amountYuan) {
    }

    record AccountOpened(String accountId) {
    }

    record Deposited(String accountId, long amountYuan) {
    }

    @AggregateIdentifier
    private String accountId;
    private long balanceYuan;

    TestAccount() {
    }

    @CommandHandler
    TestAccount(OpenAccount command) {
        apply(new AccountOpened(command.accountId()));
    }

    @CommandHandler
    void handle(Deposit command) {
        apply(new Deposited(accountId, command.amountYuan()));
    }

    void deposit(long amountYuan) {
        apply(new Deposited(accountId, amountYuan));
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        accountId = event.accountId();
    }

    @EventSourcingHandler
    void on(Deposited event) {
        balanceYuan += event.amountYuan();
    }

    long balanceYuan() {
        return balanceYuan;
    }
}
