package cn.shuangcheng.cadres.exchange.domain;

import cn.shuangcheng.cadres.exchange.api.CadreArrived;
import cn.shuangcheng.cadres.exchange.api.ContributionRecorded;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.CompleteSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.EndSecondmentEarlyCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.ExtendSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RecordArrivalCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RecordContributionCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RestorePlacedSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.SecondmentCompleted;
import cn.shuangcheng.cadres.exchange.api.SecondmentEndedEarly;
import cn.shuangcheng.cadres.exchange.api.SecondmentExtended;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.cadres.exchange.api.SecondmentStatus;
import cn.shuangcheng.kernel.AnsweredRequests;
import cn.shuangcheng.kernel.Bounds;
import cn.shuangcheng.kernel.Require;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.kernel.RuleViolatedException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import static cn.shuangcheng.cadres.exchange.api.SecondmentStatus.ENDED_EARLY;
import static cn.shuangcheng.cadres.exchange.api.SecondmentStatus.ON_POST;
import static cn.shuangcheng.cadres.exchange.api.SecondmentStatus.REGISTERED;
import static cn.shuangcheng.cadres.exchange.api.SecondmentStatus.COMPLETED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One cadre's secondment (挂职) from registration to completion or early end. Created by its {@link ExchangeBatch};
 * knows the cadre only by the pseudonymous cadreId. Each command handler answers the version after the command.
 * <p>
 * That one person never has two overlapping secondments is decided before a registration, an extension or a
 * completion after the planned end reaches here, against all of the person's secondments, stored or being changed
 * (the registration package's OverlapRule): it is a rule across aggregates. This aggregate keeps its own period's
 * rules, and so accepts a completion after its planned end: the end then moves to that day.
 */
public class Secondment {

    @AggregateIdentifier
    private String secondmentId;
    private SecondmentStatus status;
    private LocalDate startOn;
    private LocalDate endOn;
    private LocalDate arrivedOn;
    /**
     * Contributions recorded so far: at most {@link Bounds#MAX_LIST}. Each can hold about 120 kB (a summary, 100
     * projects, 100 indicators); without a bound one secondment's read-model document grew past MongoDB's 16 MB,
     * its next change was parked for good, and every reader of its events folded an ever longer history.
     */
    private int contributions;
    /** Contributions by id, for a request sent again: a contribution's id is its request's. */
    private final AnsweredRequests contributionRequests = new AnsweredRequests();
    private int extensions;

    protected Secondment() {
        // for Axon: rebuilt from its events
    }

    /** Called by the batch, in the batch's unit of work, once the batch gave the secondment its place. */
    Secondment(SecondmentRegistered registered) {
        apply(registered);
    }

    /**
     * The second half of a registration whose append stored the batch's place but not this secondment. If the
     * secondment exists after all, its stream's first event collides in the event store and nothing is stored twice.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public long handle(RestorePlacedSecondmentCommand command) {
        if (!command.secondmentId().equals(command.registered().secondmentId())) {
            throw new IllegalArgumentException("the registration is of another secondment");
        }
        apply(command.registered());
        return getVersion();
    }

    @CommandHandler
    public long handle(RecordArrivalCommand command, Clock clock) {
        requireStatus("record an arrival", REGISTERED);
        Require.notInFuture("arrivedOn", command.arrivedOn(), clock);
        if (command.arrivedOn().isBefore(startOn)) {
            throw new RuleViolatedException("arrivedOn", "the arrival cannot be before the start " + startOn);
        }
        if (!command.arrivedOn().isBefore(endOn)) {
            throw new RuleViolatedException("arrivedOn", "the arrival must be before the end " + endOn);
        }
        apply(new CadreArrived(secondmentId, command.arrivedOn()));
        return getVersion();
    }

    /**
     * A contribution whose id was recorded before is the same request sent again (its id derives from the client's
     * Idempotency-Key): it answers the version it answered then, whatever happened since, even to a stale If-Match,
     * and records nothing. The same id with another contribution is 422.
     */
    @CommandHandler
    public long handle(RecordContributionCommand command, Clock clock, ConflictResolver conflicts) {
        String digest = digestOf(command);
        OptionalLong sentBefore = contributionRequests.replay(command.contributionId(), digest);
        if (sentBefore.isPresent()) {
            // what changed since the client's If-Match is not this request's conflict: it was carried out before it
            conflicts.detectConflicts(changes -> false);
            return sentBefore.getAsLong();
        }
        requireStatus("record a contribution (only while on post)", ON_POST);
        Require.present("category", command.category());
        Require.notInFuture("on", command.on(), clock);
        if (command.on().isBefore(startOn) || command.on().isAfter(endOn)) {
            throw new RuleViolatedException("on", "a contribution is dated within the secondment, " + startOn
                    + " to " + endOn);
        }
        SecondmentRules.contribution(command.summary(), command.projectIds(), command.indicators());
        if (contributions >= Bounds.MAX_LIST) {
            throw new StateConflictException("a secondment records at most " + Bounds.MAX_LIST + " contributions");
        }
        apply(new ContributionRecorded(secondmentId, command.contributionId(), command.on(), command.category(),
                command.summary().strip(), SecondmentRules.projectIds(command.projectIds()),
                command.indicators() == null ? List.of() : List.copyOf(command.indicators())),
                MetaData.with(AnsweredRequests.REQUEST_ID, command.contributionId())
                        .and(AnsweredRequests.REQUEST_DIGEST, digest));
        return getVersion();
    }

    /** What the request asked, as sent: the stored digest of each contribution, so its encoding never changes. */
    private static String digestOf(RecordContributionCommand command) {
        List<List<Object>> indicators = command.indicators() == null ? null : command.indicators().stream()
                .map(i -> i == null ? null : Arrays.<Object>asList(i.name(), i.value(), i.unit())).toList();
        return AnsweredRequests.digest(command.on(), command.category(), command.summary(), command.projectIds(),
                indicators);
    }

    @CommandHandler
    public long handle(ExtendSecondmentCommand command) {
        requireStatus("be extended", REGISTERED, ON_POST);
        Require.present("endOn", command.endOn());
        String reason = Require.text("reason", command.reason());
        if (!command.endOn().isAfter(endOn)) {
            throw new RuleViolatedException("endOn", "an extension moves the end later than " + endOn);
        }
        if (extensions >= Bounds.MAX_LIST) {
            // each keeps its reason (up to 4,000 characters) in the read-model document, as contributions do
            throw new StateConflictException("a secondment records at most " + Bounds.MAX_LIST + " extensions");
        }
        apply(new SecondmentExtended(secondmentId, command.endOn(), endOn, reason));
        return getVersion();
    }

    /** Completion needs the cadre to have been on post; a cadre who never arrived ends early instead. */
    @CommandHandler
    public long handle(CompleteSecondmentCommand command, Clock clock) {
        requireStatus("be completed", ON_POST);
        Require.notInFuture("completedOn", command.completedOn(), clock);
        if (command.completedOn().isBefore(arrivedOn)) {
            throw new RuleViolatedException("completedOn", "the completion cannot be before the arrival " + arrivedOn);
        }
        apply(new SecondmentCompleted(secondmentId, command.completedOn(), Require.optionalText(command.reason())));
        return getVersion();
    }

    @CommandHandler
    public long handle(EndSecondmentEarlyCommand command, Clock clock) {
        requireStatus("end early", REGISTERED, ON_POST);
        Require.notInFuture("endedOn", command.endedOn(), clock);
        String reason = Require.text("reason", command.reason());
        if (command.endedOn().isBefore(startOn)) {
            throw new RuleViolatedException("endedOn", "the end cannot be before the start " + startOn);
        }
        if (arrivedOn != null && command.endedOn().isBefore(arrivedOn)) {
            throw new RuleViolatedException("endedOn", "the end cannot be before the arrival " + arrivedOn);
        }
        if (!command.endedOn().isBefore(endOn)) {
            throw new RuleViolatedException("endedOn", "an early end is before the planned end " + endOn);
        }
        apply(new SecondmentEndedEarly(secondmentId, command.endedOn(), reason));
        return getVersion();
    }

    private void requireStatus(String action, SecondmentStatus... allowed) {
        Require.state(status, () -> "a " + status + " secondment cannot " + action, allowed);
    }

    /** The period as it stands, for the write side's own reads (the overlap rule); null before registration. */
    public SecondmentTerm term() {
        return secondmentId == null ? null : new SecondmentTerm(startOn, endOn);
    }

    @EventSourcingHandler
    void on(SecondmentRegistered event) {
        secondmentId = event.secondmentId();
        status = REGISTERED;
        startOn = event.startOn();
        endOn = event.endOn();
    }

    /**
     * Counted by type, its payload never read: a contribution the store cannot read back (it is parked for the read
     * model) must not make the whole secondment unloadable. Its request is known from the metadata.
     */
    @EventSourcingHandler(payloadType = ContributionRecorded.class)
    void onContribution(EventMessage<?> recorded, @SequenceNumber long sequence) {
        contributions++;
        contributionRequests.answered(recorded.getMetaData().get(AnsweredRequests.REQUEST_ID),
                recorded.getMetaData().get(AnsweredRequests.REQUEST_DIGEST), sequence);
    }

    @EventSourcingHandler
    void on(CadreArrived event) {
        status = ON_POST;
        arrivedOn = event.arrivedOn();
    }

    @EventSourcingHandler
    void on(SecondmentExtended event) {
        endOn = event.endOn();
        extensions++;
    }

    @EventSourcingHandler
    void on(SecondmentCompleted event) {
        status = COMPLETED;
        endOn = event.completedOn();
    }

    @EventSourcingHandler
    void on(SecondmentEndedEarly event) {
        status = ENDED_EARLY;
        endOn = event.endedOn();
    }
}
