package cn.shuangcheng.projects.cooperation.web;

import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ProposeProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectIds;
import cn.shuangcheng.kernel.AnsweredRequests;
import cn.shuangcheng.servicesupport.creation.CreationsByReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Proposing a project, idempotent by {@code externalRef}: the id is derived from the reference (see
 * {@link ProjectIds}), so a known reference either is found at once or, when two proposals race, loses
 * the race on the event store's unique index. Either way the caller gets the existing id and nothing new
 * is stored ({@link CreationsByReference}). Without a reference, a proposal sent with an {@code Idempotency-Key} is
 * created once for the request.
 */
@Component
public class ProjectProposals {

    private final CreationsByReference creations;

    ProjectProposals(CommandGateway commands, EventStore eventStore) {
        this.creations = new CreationsByReference(commands, eventStore);
    }

    /**
     * @param requestId the request's id from its {@code Idempotency-Key}, or null: without an {@code externalRef}, it
     *                  is the project's id, and the same proposal sent again answers the project it created
     */
    CreationsByReference.Outcome propose(ProjectRequests.ProposeProject body, String requestId) {
        String externalRef = CreationsByReference.reference(body.externalRef());
        // an opening balance of 0 is no opening balance, as in the intake (API contract)
        boolean opening = body.openingInvestedYuan() == null || body.openingInvestedYuan() != 0;
        return creations.create(externalRef, requestId, ProjectIds::forProposal,
                id -> new ProposeProjectCommand(id, externalRef, body.name().strip(), body.sector(), body.platform(),
                        List.copyOf(body.regions()),
                        body.leadUnits() == null ? List.of() : List.copyOf(body.leadUnits()),
                        body.totalInvestmentYuan(), body.description(), opening ? body.openingInvestedYuan() : null,
                        opening ? body.openingAsOf() : null),
                command -> AnsweredRequests.digest(command.name(), command.sector(), command.platform(),
                        command.regions(), command.leadUnits(), command.totalInvestmentYuan(), command.description(),
                        command.openingInvestedYuan(), command.openingAsOf()));
    }
}
