package cn.shuangcheng.projects.agenda.web;

import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.CreateAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemIds;
import cn.shuangcheng.kernel.AnsweredRequests;
import cn.shuangcheng.servicesupport.creation.CreationsByReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Creating a three-lists item, idempotent by {@code externalRef} with the semantics projects have (docs/api-guide.md,
 * "Writes, versions and concurrency"): the id is derived from the reference ({@link AgendaItemIds}), so a known
 * reference is found at once or, when two creations race, loses on the event store's unique index; either way the
 * caller gets the existing id and its current version, and nothing new is stored. The version tells a loader how far
 * along the item already is. Without a reference, a creation sent with an {@code Idempotency-Key} is created once for
 * the request.
 */
@Component
class AgendaItemCreations {

    private final CreationsByReference creations;

    AgendaItemCreations(CommandGateway commands, EventStore eventStore) {
        this.creations = new CreationsByReference(commands, eventStore);
    }

    /**
     * @param requestId the request's id from its {@code Idempotency-Key}, or null: without an {@code externalRef}, it
     *                  is the item's id, and the same creation sent again answers the item it created
     */
    CreationsByReference.Outcome create(AgendaItemController.CreateAgendaItem body, String requestId) {
        String externalRef = CreationsByReference.reference(body.externalRef());
        return creations.create(externalRef, requestId, AgendaItemIds::forCreation,
                id -> new CreateAgendaItemCommand(id, body.list(), body.title(), body.source(), body.ownerUnits(),
                        body.dueOn(), body.projectIds(), externalRef),
                command -> AnsweredRequests.digest(command.list(), command.title(), command.source(),
                        command.ownerUnits(), command.dueOn(), command.projectIds()));
    }
}
