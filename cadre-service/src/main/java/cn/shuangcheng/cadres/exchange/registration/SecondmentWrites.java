package cn.shuangcheng.cadres.exchange.registration;

import cn.shuangcheng.cadres.exchange.api.ContributionCategory;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.CompleteSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.EndSecondmentEarlyCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.ExtendSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RecordArrivalCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RecordContributionCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RegisterSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.Indicator;
import cn.shuangcheng.cadres.exchange.registration.BatchDirectory.BatchFacts;
import cn.shuangcheng.cadres.registry.CadreIdentity;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.cadres.registry.PersonLocks;
import cn.shuangcheng.support.domain.RuleViolatedException;
import cn.shuangcheng.support.domain.StateConflictException;
import cn.shuangcheng.support.web.WriteResult;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Every write on secondments, between the REST edge and the aggregates. It resolves the person behind a request in
 * the registry, keeps personal data out of what is sent on, and makes the one decision no single aggregate can: that a
 * person's secondments never overlap. Registrations and extensions — the two writes that can make periods overlap —
 * run under the person's lease ({@link PersonLocks}) and check against the event store, so that two concurrent
 * requests for one person are decided one after the other, whichever instance serves them.
 */
@Component
public class SecondmentWrites {

    /** A registration that lost a race on the batch to another instance is decided again on the fresh batch. */
    private static final int BATCH_ATTEMPTS = 3;

    private final CommandGateway commands;
    private final CadreRegistry registry;
    private final PersonLocks locks;
    private final BatchDirectory batches;
    private final SecondmentPeriods periods;

    SecondmentWrites(CommandGateway commands, CadreRegistry registry, PersonLocks locks, BatchDirectory batches,
                     SecondmentPeriods periods) {
        this.commands = commands;
        this.registry = registry;
        this.locks = locks;
        this.batches = batches;
        this.periods = periods;
    }

    public WriteResult register(Registration registration) {
        BatchFacts batch = batches.find(registration.batchNumber()).orElseThrow(() -> new RuleViolatedException(
                "batchNumber", "there is no batch " + registration.batchNumber()));
        CadreIdentity person = new CadreIdentity(null, registration.name(), registration.personnelNo());
        PersonalDataGuard.requireNoPersonalData(person, "homeUnit", registration.homeUnit());
        PersonalDataGuard.requireNoPersonalData(person, "hostUnit", registration.hostUnit());
        PersonalDataGuard.requireNoPersonalData(person, "hostPost", registration.hostPost());
        LocalDate endOn = registration.endOn() != null ? registration.endOn()
                : registration.startOn().plusMonths(batch.termMonths());
        String cadreId = registry.claim(registration.name(), registration.personnelNo());
        String secondmentId = UUID.randomUUID().toString();
        RegisterSecondmentCommand command = new RegisterSecondmentCommand(batch.batchId(), secondmentId, cadreId,
                registration.direction(), registration.homeUnit(), registration.homeRegion(), registration.hostUnit(),
                registration.hostRegion(), registration.hostPost(), registration.startOn(), endOn);
        return locks.withLock(cadreId, () -> {
            requireNoOverlap(cadreId, null, registration.startOn(), endOn);
            registry.addSecondment(cadreId, secondmentId);
            long version = sendToBatch(command);
            return new WriteResult(secondmentId, version);
        });
    }

    public WriteResult extend(String secondmentId, Long expectedVersion, LocalDate endOn, String reason) {
        CadreIdentity cadre = cadreOf(secondmentId);
        PersonalDataGuard.requireNoPersonalData(cadre, "reason", reason);
        return locks.withLock(cadre.cadreId(), () -> {
            Period current = periods.of(secondmentId).orElseThrow(() -> notFound(secondmentId));
            if (endOn != null && endOn.isAfter(current.endOn())) {
                requireNoOverlap(cadre.cadreId(), secondmentId, current.startOn(), endOn);
            }
            return send(secondmentId, new ExtendSecondmentCommand(secondmentId, expectedVersion, endOn, reason));
        });
    }

    public WriteResult recordArrival(String secondmentId, Long expectedVersion, LocalDate arrivedOn) {
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

    public WriteResult complete(String secondmentId, Long expectedVersion, LocalDate completedOn, String reason) {
        PersonalDataGuard.requireNoPersonalData(cadreOf(secondmentId), "reason", reason);
        return send(secondmentId, new CompleteSecondmentCommand(secondmentId, expectedVersion, completedOn, reason));
    }

    public WriteResult endEarly(String secondmentId, Long expectedVersion, LocalDate endedOn, String reason) {
        PersonalDataGuard.requireNoPersonalData(cadreOf(secondmentId), "reason", reason);
        return send(secondmentId, new EndSecondmentEarlyCommand(secondmentId, expectedVersion, endedOn, reason));
    }

    /** Against every stored secondment of the person but {@code except}; the message names no person. */
    private void requireNoOverlap(String cadreId, String except, LocalDate startOn, LocalDate endOn) {
        for (String other : registry.secondmentsOf(cadreId)) {
            if (other.equals(except)) {
                continue;
            }
            periods.of(other).filter(period -> period.overlaps(startOn, endOn)).ifPresent(period -> {
                throw new StateConflictException("the cadre already has secondment " + period.secondmentId()
                        + " from " + period.startOn() + " to " + period.endOn() + ", which overlaps " + startOn
                        + " to " + endOn + "; one person never has two overlapping secondments");
            });
        }
    }

    private long sendToBatch(RegisterSecondmentCommand command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.<Long>sendAndWait(command);
            } catch (RuntimeException e) {
                if (attempt >= BATCH_ATTEMPTS || !causedBy(e, ConcurrencyException.class)) {
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
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
