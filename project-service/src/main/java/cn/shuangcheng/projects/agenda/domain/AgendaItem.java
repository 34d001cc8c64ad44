package cn.shuangcheng.projects.agenda.domain;

import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.CreateAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.DeliverAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.DropAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.ReportAgendaProgressCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCommands.VerifyAgendaItemCommand;
import cn.shuangcheng.projects.agenda.api.AgendaItemCreated;
import cn.shuangcheng.projects.agenda.api.AgendaItemDelivered;
import cn.shuangcheng.projects.agenda.api.AgendaItemDropped;
import cn.shuangcheng.projects.agenda.api.AgendaItemProgressed;
import cn.shuangcheng.projects.agenda.api.AgendaItemStatus;
import cn.shuangcheng.projects.agenda.api.AgendaItemVerified;
import cn.shuangcheng.kernel.AnsweredRequests;
import cn.shuangcheng.kernel.Require;
import cn.shuangcheng.kernel.RuleViolatedException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.List;
import java.util.OptionalLong;

import static cn.shuangcheng.projects.agenda.api.AgendaItemStatus.DELIVERED;
import static cn.shuangcheng.projects.agenda.api.AgendaItemStatus.DROPPED;
import static cn.shuangcheng.projects.agenda.api.AgendaItemStatus.IN_PROGRESS;
import static cn.shuangcheng.projects.agenda.api.AgendaItemStatus.OPEN;
import static cn.shuangcheng.projects.agenda.api.AgendaItemStatus.VERIFIED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One item of the joint office's closed-loop three lists (三张清单): a policy need, an agreed matter or a
 * work result, followed from OPEN through IN_PROGRESS and DELIVERED to VERIFIED (销号), or DROPPED.
 * Progress may be reported several times while the item is worked on.
 */
public class AgendaItem {

    @AggregateIdentifier
    private String agendaItemId;
    private AgendaItemStatus status;
    /** Only answered ({@link #decided()}), never a rule's input: what the item was created as. */
    private AgendaItemCreated created;
    /**
     * Progress reported under a client's request id: the same report sent again, its answer lost, answers the version
     * it answered then, even to a stale If-Match, and records nothing; another report under that id is 422.
     */
    private final AnsweredRequests progressRequests = new AnsweredRequests();

    protected AgendaItem() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public long handle(CreateAgendaItemCommand command) {
        Require.present("list", command.list());
        String title = Require.text("title", command.title());
        List<String> owners = command.ownerUnits();
        if (owners == null || owners.isEmpty() || owners.stream().anyMatch(o -> o == null || o.isBlank())) {
            throw new RuleViolatedException("ownerUnits", "an item needs at least one owner unit, none blank");
        }
        apply(new AgendaItemCreated(command.agendaItemId(), command.list(), title,
                command.source(), List.copyOf(owners), command.dueOn(),
                command.projectIds() == null ? List.of() : List.copyOf(command.projectIds()),
                Require.optionalText(command.externalRef())));
        return getVersion();
    }

    @CommandHandler
    public long handle(ReportAgendaProgressCommand command, ConflictResolver conflicts) {
        String digest = AnsweredRequests.digest(command.note()); // stored: its encoding never changes
        OptionalLong sentBefore = progressRequests.replay(command.requestId(), digest);
        if (sentBefore.isPresent()) {
            conflicts.detectConflicts(changes -> false); // what changed since the If-Match came after this request
            return sentBefore.getAsLong();
        }
        requireStatus("report progress on", OPEN, IN_PROGRESS);
        apply(new AgendaItemProgressed(agendaItemId, Require.text("note", command.note())),
                MetaData.from(AnsweredRequests.metadata(command.requestId(), digest)));
        return getVersion();
    }

    @CommandHandler
    public long handle(DeliverAgendaItemCommand command) {
        requireStatus("deliver", OPEN, IN_PROGRESS);
        apply(new AgendaItemDelivered(agendaItemId, Require.text("note", command.note())));
        return getVersion();
    }

    /** Verification closes the loop: only what was delivered can be verified. */
    @CommandHandler
    public long handle(VerifyAgendaItemCommand command) {
        requireStatus("verify", DELIVERED);
        apply(new AgendaItemVerified(agendaItemId, Require.text("note", command.note())));
        return getVersion();
    }

    @CommandHandler
    public long handle(DropAgendaItemCommand command) {
        requireStatus("drop", OPEN, IN_PROGRESS, DELIVERED);
        apply(new AgendaItemDropped(agendaItemId, Require.text("note", command.note())));
        return getVersion();
    }

    private void requireStatus(String action, AgendaItemStatus... allowed) {
        Require.state(status, () -> "cannot " + action + " an item that is " + status, allowed);
    }

    /** The item as decided now, for the write side's own read; null before it was created. */
    public DecidedAgendaItem decided() {
        return created == null ? null : new DecidedAgendaItem(created, status);
    }

    @EventSourcingHandler
    void on(AgendaItemCreated event) {
        agendaItemId = event.agendaItemId();
        status = OPEN;
        created = event;
    }

    @EventSourcingHandler
    void on(AgendaItemProgressed event, @SequenceNumber long sequence, MetaData metaData) {
        status = IN_PROGRESS;
        progressRequests.answered(metaData.get(AnsweredRequests.REQUEST_ID),
                metaData.get(AnsweredRequests.REQUEST_DIGEST), sequence);
    }

    @EventSourcingHandler
    void on(AgendaItemDelivered event) {
        status = DELIVERED;
    }

    @EventSourcingHandler
    void on(AgendaItemVerified event) {
        status = VERIFIED;
    }

    @EventSourcingHandler
    void on(AgendaItemDropped event) {
        status = DROPPED;
    }
}
