package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.cadres.exchange.application.BatchDirectory.BatchFacts;
import cn.shuangcheng.cadres.exchange.domain.SecondmentRules;
import cn.shuangcheng.cadres.registry.CadreIdentity;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.cadres.registry.CadreRegistry.RequestedSecondment;
import cn.shuangcheng.kernel.AnsweredRequests;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.support.web.WriteResult;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A registration sent again under its {@code Idempotency-Key}: after a 503 whose append MongoDB had stored, or an
 * answer the network lost. Without the key it would be refused as an overlap with the secondment it registered, and the
 * client would never learn that secondment's id.
 * <p>
 * The registry notes the request's id with the secondment it registers ({@link CadreRegistry#requested}), so a
 * request sent again finds its secondment whoever it belongs to, without
 * registering anyone: the same request (the same person, batch, direction, units, regions, post and dates) is answered
 * as the first time and registers nothing; another one under the key is 422. Once the person's personal data was
 * erased, the person cannot be compared and the rest decides (so another person's registration under the key, otherwise
 * the same, is answered with the erased person's secondment): the answer names only the secondment, and no name or
 * number is stored again, unless the first never stored its secondment (then this registers anew, as any registration
 * of the number after an erasure would). A first request whose person was erased while it was still being carried out
 * is 409 until it is decided (one whose process died, by the sweep of abandoned registrations). The secondment's id
 * stays random for every attempt, so no two requests are ever at one secondment: a request sent again while the first
 * is still being carried out is refused by the overlap rule (409), as any other registration of the person would be.
 */
@Component
record RepeatedRegistrations(StoredRegistrations stored, CadreRegistry registry) {

    /**
     * The first request's answer (the secondment's id and version 0) when a secondment registered by
     * {@code requestId} is stored; empty when none is (none was, or one is still being carried out).
     *
     * @throws RuleViolatedException (422, field {@code Idempotency-Key}) when the stored one is not this request's
     */
    Optional<WriteResult> firstAnswer(String requestId, Registration registration, BatchFacts batch,
                                      LocalDate endOn) {
        boolean storedAnother = false;
        boolean undecidedOfErased = false;
        for (RequestedSecondment requested : registry.requested(requestId)) {
            Optional<SecondmentRegistered> first = stored.registration(requested.secondmentId());
            if (first.isEmpty()) {
                undecidedOfErased |= requested.erased() && requested.pending();
                continue;
            }
            if (samePerson(requested, registration) && first.get().equals(asStored(requested.secondmentId(),
                    requested.cadreId(), registration, batch, endOn))) {
                return Optional.of(new WriteResult(requested.secondmentId(), 0L));
            }
            storedAnother = true;
        }
        if (storedAnother) {
            throw AnsweredRequests.keyReused();
        }
        if (undecidedOfErased) {
            // its person was erased while it was being carried out: registering this one would claim the erased
            // number anew, beside a first that may still land (a dead one is decided by the sweep)
            throw new StateConflictException("the first request under this key is still being decided; "
                    + "send it again later");
        }
        return Optional.empty();
    }

    /** The same person, or one erased since (read again: an erasure may have landed after the lookup). */
    private boolean samePerson(RequestedSecondment requested, Registration registration) {
        return requested.erased()
                || registry.cadreIdOf(registration.personnelNo()).filter(requested.cadreId()::equals).isPresent()
                || registry.identities(List.of(requested.cadreId())).values().stream().anyMatch(CadreIdentity::erased);
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
