package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RegisterSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RestorePlacedSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.cadres.exchange.domain.Period;
import cn.shuangcheng.cadres.exchange.domain.SecondmentRules;
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
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Registering a secondment, between the REST edge and the batch that takes its place: the person is resolved in the
 * registry, personal data is kept out of what is sent on, and the registration is decided under the
 * {@link OverlapRule} (one person's secondments never overlap), whichever instance serves it. A registration refused
 * with nothing stored leaves no personal data behind; one stored in part (its place without its secondment) is
 * completed while its request lasts; one sent again under its {@code Idempotency-Key} answers what the first
 * registered ({@link RepeatedRegistrations}).
 */
@Component
public record SecondmentRegistrations(CommandGateway commands, CadreRegistry registry, OverlapRule overlapRule,
                                      BatchDirectory batches, StoredRegistrations stored,
                                      RepeatedRegistrations repeats) {

    /**
     * A registration whose append stored nothing (it lost a race on the batch to another instance, or the store
     * failed) is decided again on the fresh batch, at most this often.
     */
    private static final int BATCH_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(SecondmentRegistrations.class);

    /**
     * Registers a secondment. The person is claimed in the registry first (the unique personnel number decides
     * between concurrent first registrations, and the overlap rule needs the cadreId), and the registration is
     * withdrawn from the registry when it is refused, for any reason, with nothing stored: a refused registration of
     * a new person leaves no personal data behind (see {@link CadreRegistry#withdraw}).
     *
     * @param requestId the request's id from its {@code Idempotency-Key}, or null: with one, the registry notes it
     *                  with the secondment, and the same request sent again answers the secondment it registered
     *                  ({@link RepeatedRegistrations})
     */
    public WriteResult register(Registration registration, String requestId) {
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
        if (requestId != null) {
            Optional<WriteResult> first = repeats.firstAnswer(requestId, registration, batch, endOn);
            if (first.isPresent()) {
                return first.get();
            }
        }
        for (int attempt = 1; ; attempt++) {
            String cadreId = registry.claim(registration.name(), registration.personnelNo());
            // a fresh id for every attempt: no two requests are ever at one secondment (the registry and the batch
            // rely on that); a request sent again is recognised by the registry's note of its id
            String secondmentId = UUID.randomUUID().toString();
            // Added before the decision, so that another registration refused meanwhile does not withdraw the entry
            // this one is using; false if one withdrew it between the claim and here: claim again.
            if (!registry.addSecondment(cadreId, secondmentId, batch.batchId(), requestId)) {
                if (attempt >= BATCH_ATTEMPTS) {
                    throw new StateConflictException("other registrations of this cadre were refused meanwhile; "
                            + "retry");
                }
                continue;
            }
            RegisterSecondmentCommand command = registration.toCommand(batch.batchId(), secondmentId, cadreId, endOn);
            WriteResult registered;
            try {
                registered = overlapRule.change(cadreId, new Period(secondmentId, registration.startOn(), endOn),
                        reservation -> new WriteResult(secondmentId, sendToBatch(command, batch, reservation)));
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

    /**
     * Sends the registration to the batch, which stores its place and the secondment in one ordered append, place
     * first. A refusal (422/409) is final. Any other failure is looked at in the event store: if the append stored
     * nothing, the batch decides again; if it stored the place but not the secondment (an ordered insert that failed
     * on its second document, e.g. on a server error), the secondment is stored now from the same registration, so a
     * place never stays without its secondment. A secondment without its place cannot happen: the place is first.
     */
    private long sendToBatch(RegisterSecondmentCommand command, BatchFacts batch, Reservation reservation) {
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
                    return restoreSecondment(command, batch, e);
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

    private long restoreSecondment(RegisterSecondmentCommand command, BatchFacts batch, RuntimeException failure) {
        SecondmentRegistered registered = SecondmentRules.registration(command, batch.number(), batch.dispatchedOn(),
                batch.termMonths());
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

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return Causes.anyMatch(e, type::isInstance);
    }
}
