package cn.shuangcheng.projects.cooperation.web;

import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ProposeProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectIds;
import cn.shuangcheng.servicesupport.creation.CreationsByReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Proposing a project, idempotent by {@code externalRef}: the id is derived from the reference (see
 * {@link ProjectIds}), so a known reference either is found at once or, when two proposals race, loses
 * the race on the event store's unique index. Either way the caller gets the existing id and nothing new
 * is stored ({@link CreationsByReference}).
 */
@Component
public class ProjectProposals {

    private final CreationsByReference creations;

    ProjectProposals(CommandGateway commands, EventStore eventStore) {
        this.creations = new CreationsByReference(commands, eventStore);
    }

    CreationsByReference.Outcome propose(ProjectRequests.ProposeProject body) {
        String externalRef = CreationsByReference.reference(body.externalRef());
        String id = ProjectIds.forProposal(externalRef);
        // an opening balance of 0 is no opening balance, as in the intake (API contract)
        boolean opening = body.openingInvestedYuan() == null || body.openingInvestedYuan() != 0;
        return creations.create(id, externalRef, new ProposeProjectCommand(id, externalRef,
                body.name().strip(), body.sector(), body.platform(), List.copyOf(body.regions()),
                body.leadUnits() == null ? List.of() : List.copyOf(body.leadUnits()),
                body.totalInvestmentYuan(), body.description(), opening ? body.openingInvestedYuan() : null,
                opening ? body.openingAsOf() : null));
    }
}
