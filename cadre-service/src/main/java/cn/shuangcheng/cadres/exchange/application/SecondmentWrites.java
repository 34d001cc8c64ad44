package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.domain.Period;
import cn.shuangcheng.cadres.exchange.api.ContributionCategory;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.CompleteSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.EndSecondmentEarlyCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.ExtendSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RecordArrivalCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RecordContributionCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RegisterSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RestorePlacedSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.cadres.exchange.api.Indicator;
import cn.shuangcheng.cadres.exchange.application.BatchDirectory.BatchFacts;
import cn.shuangcheng.cadres.exchange.application.OverlapRule.Reservation;
import cn.shuangcheng.cadres.registry.CadreIdentity;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.kernel.Bounds;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.support.outage.Causes;
import cn.shuangcheng.support.web.WriteResult;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Every write on secondments, between the REST edge and the aggregates. It resolves the person behind a request in
 * the registry, keeps personal data out of what is sent on, and makes the one decision no single aggregate can: that a
 * person's secondments never overlap. The writes that can make a period longer — a registration, an extension, a
 * completion after the planned end — are decided and carried out under the {@link OverlapRule}, so that two
 * concurrent requests for one person cannot both pass, whichever instance serves them. An early end and a completion
 * on or before the planned end only shorten a period and go straight to the aggregate.
 */
@Component
public class SecondmentWrites {

    /**
     * A registration whose append stored nothing (it lost a race on the batch to another instance, or the store
     * failed) is decided again on the fresh batch, at most this often.
     */
    private static final int BATCH_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(SecondmentWrites.class);

    private final CommandGateway commands;
    private final CadreRegistry registry;
    private final OverlapRule overlapRule;
    private final BatchDirectory batches;
    private final SecondmentPeriods periods;
    private final StoredRegistrations stored;

    SecondmentWrites(CommandGateway commands, CadreRegistry registry, OverlapRule overlapRule, BatchDirectory batches,
                     SecondmentPeriods periods, StoredRegistrations stored) {
        this.stored = stored;
        this.commands = commands;
        this.registry = registry;
        this.overlapRule = overlapRule;
        this.batches = batches;
        this.periods = periods;
    }

    /**
     * Registers a secondment. The person is claimed in the registry first (the unique personnel number decides
     * between concurrent first registrations, and the overlap rule needs the cadreId), and the registration is
     * withdrawn from the registry when it is refused, for any reason, with nothing stored: a refused registration of
     * a new person leaves no personal data behind (see {@link CadreRegistry#withdraw}).
     */
    public WriteResult register(Registration registration) {
        BatchFacts batch = batches.find(registration.batchNumber()).orElseThrow(() -> new RuleViolatedException(
                "batchNumber", "there is no batch " + registration.batchNumber()));
        CadreIdentity person = new CadreIdentity(null, registration.name(), registration.personnelNo());
        PersonalDataGuard.requireNoPersonalData(person, "homeUnit", registration.homeUnit());
        PersonalDataGuard.requireNoPersonalData(person, "hostUnit", registration.hostUnit());
        PersonalDataGuard.requireNoPersonalData(person, "hostPost", registration.hostPost());
        LocalDate endOn = registration.endOn() != null ? registration.endOn()
                : registration.startOn().plusMonths(batch.termMonths());
        if (endOn.getYear() > Bounds.MAX_YEAR) {
            // its events would carry a five-digit year, which the published schemas' date format refuses
            throw new RuleViolatedException("startOn", "a secondment starting on " + registration.startOn()
                    + " would end after " + Bounds.MAX_YEAR + "-12-31");
        }
        for (int attempt = 1; ; attempt++) {
            String cadreId = registry.claim(registration.name(), registration.personnelNo());
            String secondmentId = UUID.randomUUID().toString();
            // Added before the decision, so that another registration refused meanwhile does not withdraw the entry
            // this one is using; false if one withdrew it between the claim and here: claim again.
            if (!registry.addSecondment(cadreId, secondmentId, batch.batchId())) {
                if (attempt >= BATCH_ATTEMPTS) {
                    throw new StateConflictException("other registrations of this cadre were refused meanwhile; "
                            + "retry");
                }
                continue;
            }
            RegisterSecondmentCommand command = new RegisterSecondmentCommand(batch.batchId(), secondmentId, cadreId,
                    registration.direction(), registration.homeUnit(), registration.homeRegion(),
                    registration.hostUnit(), registration.hostRegion(), registration.hostPost(),
                    registration.startOn(), endOn);
            WriteResult registered;
            try {
                registered = overlapRule.change(cadreId, new Period(secondmentId, registration.startOn(), endOn),
                        reservation -> new WriteResult(secondmentId, sendToBatch(command, batch.number(),
                                reservation)));
            } catch (RuntimeException e) {
                withdrawIfNothingStored(command, e);
                throw e;
            }
            settle(cadreId, secondmentId);
            return registered;
        }
    }

    /**
     * After a failed registration: if neither the place nor the secondment was stored and every attempt was answered,
     * nothing will be, so the registration is withdrawn from the registry. If either was stored, the registration
     * happened and stays. If an attempt was not answered, its append may still land ({@link UnclearAppends}): the
     * registration stays pending for the sweep.
     */
    private void withdrawIfNothingStored(RegisterSecondmentCommand command, RuntimeException failure) {
        if (UnclearAppends.mayStillLand(failure)) {
            log.warn("registration of secondment {} failed without a clear answer from MongoDB; it stays pending and "
                    + "is decided by the sweep of abandoned registrations", command.secondmentId());
            return;
        }
        try {
            if (!stored.anythingStored(command.batchId(), command.secondmentId())) {
                registry.withdraw(command.cadreId(), command.secondmentId());
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e); // the refusal is the answer; the entry stays for the next registration
        }
    }

    /** Stored: no longer pending. If this fails, the registration stands; AbandonedRegistrations settles it later. */
    private void settle(String cadreId, String secondmentId) {
        try {
            registry.settle(cadreId, secondmentId);
        } catch (RuntimeException e) {
            log.warn("secondment {} is registered but still marked pending ({}); it is settled by the next sweep",
                    secondmentId, e.getClass().getSimpleName());
        }
    }

    public WriteResult extend(String secondmentId, Long expectedVersion, LocalDate endOn, String reason) {
        CadreIdentity cadre = cadreOf(secondmentId);
        PersonalDataGuard.requireNoPersonalData(cadre, "reason", reason);
        return lengthening(cadre, secondmentId, endOn,
                new ExtendSecondmentCommand(secondmentId, expectedVersion, endOn, reason));
    }

    public WriteResult recordArrival(String secondmentId, Long expectedVersion, LocalDate arrivedOn) {
        // as the other writes: a batch's or an erasure's id is 404, not its stream replayed as a secondment (409)
        cadreOf(secondmentId);
        return send(secondmentId, new RecordArrivalCommand(secondmentId, expectedVersion, arrivedOn));
    }

    public WriteResult recordContribution(String secondmentId, Long expectedVersion, String contributionId,
                                          LocalDate on, ContributionCategory category, String summary,
                                          List<String> projectIds, List<Indicator> indicators) {
        CadreIdentity cadre = cadreOf(secondmentId);
        PersonalDataGuard.requireNoPersonalData(cadre, "summary", summary);
        if (indicators != null) {
            for (int i = 0; i < indicators.size(); i++) {
                Indicator indicator = indicators.get(i);
                if (indicator != null) {
                    PersonalDataGuard.requireNoPersonalData(cadre, "indicators[" + i + "].name", indicator.name());
                }
            }
        }
        return send(secondmentId, new RecordContributionCommand(secondmentId, expectedVersion, contributionId, on,
                category, summary, projectIds, indicators));
    }

    /** A completion after the planned end makes the period longer: it is decided like an extension. */
    public WriteResult complete(String secondmentId, Long expectedVersion, LocalDate completedOn, String reason) {
        CadreIdentity cadre = cadreOf(secondmentId);
        PersonalDataGuard.requireNoPersonalData(cadre, "reason", reason);
        return lengthening(cadre, secondmentId, completedOn,
                new CompleteSecondmentCommand(secondmentId, expectedVersion, completedOn, reason));
    }

    public WriteResult endEarly(String secondmentId, Long expectedVersion, LocalDate endedOn, String reason) {
        PersonalDataGuard.requireNoPersonalData(cadreOf(secondmentId), "reason", reason);
        return send(secondmentId, new EndSecondmentEarlyCommand(secondmentId, expectedVersion, endedOn, reason));
    }

    /**
     * Sends a command that ends the secondment on {@code endOn}: under the overlap rule when that is after the current
     * end, straight to the aggregate otherwise (no end, or not later: the aggregate decides, and nothing gets longer).
     */
    private WriteResult lengthening(CadreIdentity cadre, String secondmentId, LocalDate endOn, Object command) {
        Period current = periods.of(secondmentId).orElseThrow(() -> notFound(secondmentId));
        if (endOn == null || !endOn.isAfter(current.endOn())) {
            return send(secondmentId, command);
        }
        return overlapRule.change(cadre.cadreId(), new Period(secondmentId, current.startOn(), endOn), reservation -> {
            reservation.requireFresh();
            return send(secondmentId, command);
        });
    }

    /**
     * Sends the registration to the batch, which stores its place and the secondment in one ordered append, place
     * first. A refusal (422/409) is final. Any other failure is looked at in the event store: if the append stored
     * nothing, the batch decides again; if it stored the place but not the secondment (an ordered insert that failed
     * on its second document, e.g. on a server error), the secondment is stored now from the same registration, so a
     * place never stays without its secondment. A secondment without its place cannot happen: the place is first.
     */
    private long sendToBatch(RegisterSecondmentCommand command, int batchNumber, Reservation reservation) {
        RuntimeException earlier = null; // the last attempt's failure, which a later refusal must not hide
        for (int attempt = 1; ; attempt++) {
            try {
                reservation.requireFresh();
                return commands.<Long>sendAndWait(command);
            } catch (RuntimeException e) {
                if (earlier != null && !Causes.chain(e).contains(earlier)) {
                    e.addSuppressed(earlier);
                }
                if (causedBy(e, RuleViolatedException.class) || causedBy(e, StateConflictException.class)) {
                    throw e;
                }
                if (stored.placeStored(command.batchId(), command.secondmentId())) {
                    return restoreSecondment(command, batchNumber, e);
                }
                if (causedBy(e, LockAcquisitionFailedException.class)) {
                    // the batch was busy for the whole lock wait: tried again, the answer would come after a
                    // proxy's timeout; 503 now, nothing placed
                    throw e;
                }
                if (attempt >= BATCH_ATTEMPTS) {
                    throw e;
                }
                earlier = e;
            }
        }
    }

    private long restoreSecondment(RegisterSecondmentCommand command, int batchNumber, RuntimeException failure) {
        SecondmentRegistered registered = new SecondmentRegistered(command.secondmentId(), command.batchId(),
                batchNumber, command.cadreId(), command.direction(), command.homeUnit().strip(), command.homeRegion(),
                command.hostUnit().strip(), command.hostRegion(),
                command.hostPost() == null || command.hostPost().isBlank() ? null : command.hostPost().strip(),
                command.startOn(), command.endOn());
        for (int attempt = 1; ; attempt++) {
            if (stored.secondmentStored(command.secondmentId())) {
                return 0L;
            }
            try {
                return commands.<Long>sendAndWait(new RestorePlacedSecondmentCommand(command.secondmentId(),
                        registered));
            } catch (RuntimeException e) {
                if (causedBy(e, ConcurrencyException.class) || causedBy(e, AggregateStreamCreationException.class)) {
                    return 0L; // stored by someone else meanwhile
                }
                if (attempt >= BATCH_ATTEMPTS) {
                    e.addSuppressed(failure);
                    throw e;
                }
            }
        }
    }

    private WriteResult send(String secondmentId, Object command) {
        long version = commands.<Long>sendAndWait(command);
        return new WriteResult(secondmentId, version);
    }

    private CadreIdentity cadreOf(String secondmentId) {
        return registry.ofSecondment(secondmentId).orElseThrow(() -> notFound(secondmentId));
    }

    private static AggregateNotFoundException notFound(String secondmentId) {
        return new AggregateNotFoundException(secondmentId, "no secondment " + secondmentId);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return Causes.anyMatch(e, type::isInstance);
    }
}
