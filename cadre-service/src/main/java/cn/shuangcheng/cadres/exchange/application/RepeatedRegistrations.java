package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.cadres.exchange.application.BatchDirectory.BatchFacts;
import cn.shuangcheng.cadres.exchange.domain.SecondmentRules;
import cn.shuangcheng.cadres.registry.CadreIdentity;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.kernel.AnsweredRequests;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.support.web.WriteResult;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A registration sent again under its {@code Idempotency-Key}: after a 503 whose append MongoDB had stored, or an
 * answer the network lost. Its secondment id is the request's id, so the secondment a first request stored is found
 * under it; the request is the same when it would register exactly that secondment (same batch, person, direction,
 * units, regions, post and dates). The same request is answered as the first time, with nothing new; another one
 * under the key is 422. The person is compared by the registry entry that holds the secondment, by personnel number
 * only (the registry never compares names: see {@link CadreRegistry}), and not at all once erased.
 */
@Component
class RepeatedRegistrations {

    private final StoredRegistrations stored;
    private final CadreRegistry registry;

    RepeatedRegistrations(StoredRegistrations stored, CadreRegistry registry) {
        this.stored = stored;
        this.registry = registry;
    }

    /**
     * The first request's answer (the secondment's id and version 0) when a secondment is stored under
     * {@code secondmentId}; empty when none is.
     *
     * @throws RuleViolatedException (422, field {@code Idempotency-Key}) when the stored one is not this request's
     */
    Optional<WriteResult> firstAnswer(String secondmentId, Registration registration, BatchFacts batch,
                                      LocalDate endOn) {
        Optional<SecondmentRegistered> first = stored.registration(secondmentId);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        SecondmentRegistered registered = first.get();
        if (!samePerson(registered, registration) || !registered.equals(asStored(secondmentId, registered.cadreId(),
                registration, batch, endOn))) {
            throw AnsweredRequests.keyReused();
        }
        return Optional.of(new WriteResult(secondmentId, 0L));
    }

    private boolean samePerson(SecondmentRegistered registered, Registration registration) {
        Optional<CadreIdentity> holder = registry.ofSecondment(registered.secondmentId());
        return holder.isPresent() && holder.get().cadreId().equals(registered.cadreId())
                && (holder.get().erased() || holder.get().personnelNo().equals(registration.personnelNo().strip()));
    }

    /** What this request would have stored; null when it breaks a rule the stored one kept: not the same request. */
    private static SecondmentRegistered asStored(String secondmentId, String cadreId, Registration registration,
                                                 BatchFacts batch, LocalDate endOn) {
        try {
            return SecondmentRules.registration(registration.toCommand(batch.batchId(), secondmentId, cadreId, endOn),
                    batch.number(), batch.dispatchedOn(), batch.termMonths());
        } catch (RuleViolatedException e) {
            return null;
        }
    }
}
