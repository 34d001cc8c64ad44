package cn.shuangcheng.cadres.exchange.application;

import cn.shuangcheng.cadres.exchange.domain.Period;
import cn.shuangcheng.cadres.exchange.api.ContributionCategory;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.CompleteSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.EndSecondmentEarlyCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.ExtendSecondmentCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RecordArrivalCommand;
import cn.shuangcheng.cadres.exchange.api.ExchangeCommands.RecordContributionCommand;
import cn.shuangcheng.cadres.exchange.api.Indicator;
import cn.shuangcheng.cadres.registry.CadreIdentity;
import cn.shuangcheng.cadres.registry.CadreRegistry;
import cn.shuangcheng.support.web.WriteResult;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * Every write on a registered secondment, between the REST edge and the aggregates (a registration itself is
 * {@link SecondmentRegistrations}'). It resolves the person behind a request in the registry, keeps personal data out
 * of what is sent on, and makes the one decision no single aggregate can: that a person's secondments never overlap.
 * The writes that can make a period longer — an extension, a completion after the planned end — are decided and
 * carried out under the {@link OverlapRule}, so that two concurrent requests for one person cannot both pass,
 * whichever instance serves them. An early end and a completion on or before the planned end only shorten a period
 * and go straight to the aggregate.
 */
@Component
public record SecondmentWrites(CommandGateway commands, CadreRegistry registry, OverlapRule overlapRule,
                               SecondmentPeriods periods) {

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
        if (projectIds != null) {
            // free strings too (a project's id is not checked against project-service): they go into the event
            for (int i = 0; i < projectIds.size(); i++) {
                PersonalDataGuard.requireNoPersonalData(cadre, "projectIds[" + i + "]", projectIds.get(i));
            }
        }
        if (indicators != null) {
            for (int i = 0; i < indicators.size(); i++) {
                Indicator indicator = indicators.get(i);
                if (indicator != null) {
                    PersonalDataGuard.requireNoPersonalData(cadre, "indicators[" + i + "].name", indicator.name());
                    PersonalDataGuard.requireNoPersonalData(cadre, "indicators[" + i + "].unit", indicator.unit());
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
}
