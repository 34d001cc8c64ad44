package cn.shuangcheng.projects.agenda.web;

import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.CreateAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemIds;
import cn.shuangcheng.servicesupport.creation.CreationsByReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Creating a three-lists item, idempotent by {@code externalRef} with the semantics projects have (docs/api-guide.md,
 * "Writes, versions and concurrency"): the id is derived from the reference ({@link AgendaItemIds}), so a known
 * reference is found at once or, when two creations race, loses on the event store's unique index; either way the
 * caller gets the existing id and its current version, and nothing new is stored. The version tells a loader how far
 * along the item already is.
 */
@Component
class AgendaItemCreations {

    private final CreationsByReference creations;

    AgendaItemCreations(CommandGateway commands, EventStore eventStore) {
        this.creations = new CreationsByReference(commands, eventStore);
    }

    CreationsByReference.Outcome create(AgendaItemController.CreateAgendaItem body) {
        String externalRef = CreationsByReference.reference(body.externalRef());
        String id = AgendaItemIds.forCreation(externalRef);
        return creations.create(id, externalRef, new CreateAgendaItemCommand(id, body.list(), body.title(),
                body.source(), body.ownerUnits(), body.dueOn(), body.projectIds(), externalRef));
    }
}
