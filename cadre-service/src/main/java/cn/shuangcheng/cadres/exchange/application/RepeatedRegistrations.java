package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.api.SecondmentRegistered;
import cn.shuangcheng.cadres.exchange.application.BatchDirectory.BatchFacts;
import cn.shuangcheng.cadres.exchange.application.StoredRegistrations.StoredRegistration;
import cn.shuangcheng.cadres.exchange.domain.SecondmentRules;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.kernel.AnsweredRequests;
import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.support.web.WriteResult;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A registration sent again under its {@code Idempotency-Key}: after a 503 whose append MongoDB had stored, or an
 * answer the network lost. Without the key it would be refused as an overlap with the secondment it registered, and
 * the client would never learn that secondment's id.
 * <p>
 * The registration's events carry the request's id in their metadata (kernel {@link AnsweredRequests#REQUEST_ID}).
 * A request sent again is looked for among the person's own secondments, found by personnel number without
 * registering anyone: the same request (the same batch, direction, units, regions, post and dates) is answered as the
 * first time and registers nothing; another one under the key is 422. The secondment's id stays random for every
 * attempt, so no two requests are ever at one secondment: a request sent again while the first is still being
 * carried out is refused by the overlap rule (409), as any other registration of the person would be. The same key
 * with another person is not found among that person's secondments, and is another registration.
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
     * The first request's answer (the secondment's id and version 0) when the person has a secondment registered by
     * {@code requestId}; empty when none is.
     *
     * @throws RuleViolatedException (422, field {@code Idempotency-Key}) when that secondment is not this request's
     */
    Optional<WriteResult> firstAnswer(String requestId, Registration registration, BatchFacts batch,
                                      LocalDate endOn) {
        Optional<String> cadreId = registry.cadreIdOf(registration.personnelNo());
        if (cadreId.isEmpty()) {
            return Optional.empty();
        }
        for (String secondmentId : registry.secondmentsOf(cadreId.get())) {
            Optional<StoredRegistration> first = stored.registration(secondmentId)
                    .filter(registered -> requestId.equals(registered.requestId()));
            if (first.isPresent()) {
                if (!first.get().registered().equals(asStored(secondmentId, cadreId.get(), registration, batch,
                        endOn))) {
                    throw AnsweredRequests.keyReused();
                }
                return Optional.of(new WriteResult(secondmentId, 0L));
            }
        }
        return Optional.empty();
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
