package cn.shuangcheng.projects.agenda.web;

import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.CreateAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemIds;
import cn.shuangcheng.support.web.WriteResult;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Creating a three-lists item, idempotent by {@code externalRef} with the semantics projects have (API.md): the id
 * is derived from the reference ({@link AgendaItemIds}), so a known reference is found at once or, when two
 * creations race, loses on the event store's unique index; either way the caller gets the existing id and its
 * current version, and nothing new is stored. The version tells a loader how far along the item already is.
 */
@Component
class AgendaItemCreations {

    /** What a creation did: created the item, or found the one that holds the reference. */
    record Outcome(WriteResult result, boolean created) {
    }

    private final CommandGateway commands;
    private final EventStore eventStore;

    AgendaItemCreations(CommandGateway commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    Outcome create(AgendaItemController.CreateAgendaItem body) {
        String externalRef = body.externalRef() == null || body.externalRef().isBlank()
                ? null : body.externalRef().strip();
        String id = AgendaItemIds.forCreation(externalRef);
        if (externalRef != null) {
            Optional<Outcome> existing = existing(id);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        CreateAgendaItemCommand command = new CreateAgendaItemCommand(id, body.list(), body.title(), body.source(),
                body.ownerUnits(), body.dueOn(), body.projectIds(), externalRef);
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
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
