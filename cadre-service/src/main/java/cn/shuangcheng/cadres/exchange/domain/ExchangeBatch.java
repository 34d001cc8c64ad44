package cn.shuangcheng.cadres.exchange.domain;

import cn.shuangcheng.cadres.exchange.api.Direction;
import cn.shuangcheng.cadres.exchange.api.ExchangeBatchCreated;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.CreateExchangeBatchCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RegisterSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.SecondmentPlaceTaken;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.kernel.Require;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * One yearly batch of the exchange, and the consistency boundary of its quota: a secondment is registered by the
 * batch, which takes a place in the cadre's direction and creates the {@link Secondment} in the same unit of work.
 * <p>
 * Why this never exceeds the quota: commands on one batch are serialised (Axon locks the aggregate within a JVM), and
 * a second instance that decided on a stale batch loses on the event store's unique (aggregate id, sequence) index.
 * Why a failure never leaves a place without its secondment or the other way round: the place is applied first, so
 * in the unit of work's single ordered insert it comes first; the only document that can conflict is that one (the
 * new secondment has a fresh random id), and an ordered insert that fails on its first document writes nothing.
 */
public class ExchangeBatch {

    static final int MAX_QUOTA = 500;
    private static final int MAX_TERM_MONTHS = 36;

    @AggregateIdentifier
    private String batchId;
    private int number;
    private int year;
    private LocalDate dispatchedOn;
    private int quotaPerDirection;
    private int termMonths;
    private final Map<Direction, Integer> placesTaken = new EnumMap<>(Direction.class);
    /** The secondments holding a place: at most two quotas' worth. */
    private final Set<String> placed = new HashSet<>();

    protected ExchangeBatch() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public long handle(CreateExchangeBatchCommand command) {
        if (command.number() < 1) {
            throw new RuleViolatedException("number", "must be 1 or more, was " + command.number());
        }
        if (command.year() < 2020 || command.year() > 2100) {
            throw new RuleViolatedException("year", "must be a year of the exchange (2020 on), was " + command.year());
        }
        Require.present("dispatchedOn", command.dispatchedOn());
        if (command.quotaPerDirection() < 1 || command.quotaPerDirection() > MAX_QUOTA) {
            throw new RuleViolatedException("quotaPerDirection",
                    "must be between 1 and " + MAX_QUOTA + ", was " + command.quotaPerDirection());
        }
        if (command.termMonths() < 1 || command.termMonths() > MAX_TERM_MONTHS) {
            throw new RuleViolatedException("termMonths",
                    "must be between 1 and " + MAX_TERM_MONTHS + ", was " + command.termMonths());
        }
        apply(new ExchangeBatchCreated(command.batchId(), command.number(), command.year(), command.dispatchedOn(),
                command.quotaPerDirection(), command.termMonths()));
        return 0L;
    }

    /** Answers the new secondment's version (0). */
    @CommandHandler
    public long handle(RegisterSecondmentCommand command) throws Exception {
        SecondmentRegistered registered = SecondmentRules.registration(command, number, dispatchedOn, termMonths);
        if (placed.contains(command.secondmentId())) {
            // a registration sent again after an append that failed ambiguously but stored the place: not a second
            // place; not a refusal either, so the sender looks in the event store and completes the secondment
            throw new IllegalStateException("secondment " + command.secondmentId() + " already holds a place");
        }
        int taken = placesTaken.getOrDefault(command.direction(), 0);
        if (taken >= quotaPerDirection) {
            throw new StateConflictException("batch " + number + " has no place left for " + command.direction()
                    + ": all " + quotaPerDirection + " are taken");
        }
        // Order matters: the place first, then the secondment (see the class comment).
        apply(new SecondmentPlaceTaken(batchId, command.secondmentId(), command.direction(), taken + 1,
                quotaPerDirection));
        createNew(Secondment.class, () -> new Secondment(registered));
        return 0L;
    }

    /** Places taken so far per direction, for the write side's own read; null before the batch was created. */
    public Map<Direction, Integer> placesTaken() {
        if (batchId == null) {
            return null;
        }
        Map<Direction, Integer> taken = new EnumMap<>(Direction.class);
        for (Direction direction : Direction.values()) {
            taken.put(direction, placesTaken.getOrDefault(direction, 0));
        }
        return taken;
    }

    /** The batch as it stands, for the write side's own reads; null before the batch was created. */
    public DecidedBatch decided() {
        return batchId == null ? null : new DecidedBatch(batchId, number, year, dispatchedOn, quotaPerDirection,
                termMonths, placesTaken());
    }

    @EventSourcingHandler
    void on(ExchangeBatchCreated event) {
        batchId = event.batchId();
        number = event.number();
        year = event.year();
        dispatchedOn = event.dispatchedOn();
        quotaPerDirection = event.quotaPerDirection();
        termMonths = event.termMonths();
    }

    @EventSourcingHandler
    void on(SecondmentPlaceTaken event) {
        placesTaken.put(event.direction(), event.placesTaken());
        placed.add(event.secondmentId());
    }
}
