package cn.shuangcheng.projects.cooperation.web;

import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ProposeProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectIds;
import cn.shuangcheng.support.web.WriteResult;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Proposing a project, idempotent by {@code externalRef}: the id is derived from the reference (see
 * {@link ProjectIds}), so a known reference either is found at once or, when two proposals race, loses
 * the race on the event store's unique index. Either way the caller gets the existing id and nothing new
 * is stored. The intake (a later issue) proposes through this class too.
 */
@Component
public class ProjectProposals {

    /** What a proposal did: created a project, or found the one that holds the reference. */
    public record Outcome(WriteResult result, boolean created) {
    }

    private final CommandGateway commands;
    private final EventStore eventStore;

    ProjectProposals(CommandGateway commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    Outcome propose(ProjectRequests.ProposeProject body) {
        String externalRef = body.externalRef() == null || body.externalRef().isBlank()
                ? null : body.externalRef().strip();
        String id = ProjectIds.forProposal(externalRef);
        if (externalRef != null) {
            Optional<Outcome> existing = existing(id);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        ProposeProjectCommand command = new ProposeProjectCommand(id, externalRef, body.name().strip(), body.sector(),
                body.platform(), List.copyOf(body.regions()),
                body.leadUnits() == null ? List.of() : List.copyOf(body.leadUnits()),
                body.totalInvestmentYuan(), body.description(), body.openingInvestedYuan(), body.openingAsOf());
        try {
            long version = commands.sendAndWait(command);
            return new Outcome(new WriteResult(id, version), true);
        } catch (ConcurrencyException | AggregateStreamCreationException | CommandExecutionException e) {
            if (externalRef != null && isCollision(e)) {
                return existing(id).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private Optional<Outcome> existing(String id) {
        return eventStore.lastSequenceNumberFor(id).map(version -> new Outcome(new WriteResult(id, version), false));
    }

    private static boolean isCollision(RuntimeException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }
}
