package cn.shuangcheng.projects.cooperation.domain;

import cn.shuangcheng.kernel.AnsweredRequests;
import cn.shuangcheng.kernel.Bounds;
import cn.shuangcheng.kernel.StateConflictException;
import cn.shuangcheng.projects.cooperation.api.MilestoneReached;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.RecordMilestoneCommand;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.messaging.MetaData;

import java.util.OptionalLong;

/**
 * The milestones a project reached, as far as its rules need them (an entity of {@link CooperationProject}): how many
 * (at most {@link Bounds#MAX_LIST}: reporting keeps them all in one document), and which were recorded under a
 * client's request id. The same request sent again, its answer lost, answers the version it answered then, even to
 * a stale If-Match, and records no second milestone; another milestone under that id is 422. Known from the events'
 * metadata, never their payload: a payload the store cannot read blocks nothing.
 */
final class ProjectMilestones {

    private int reached;
    private final AnsweredRequests requests = new AnsweredRequests();

    /**
     * The version the same request answered before, when this is it sent again; what changed since then is no
     * conflict of this request's, whatever If-Match it carries (null {@code conflicts}: an intake step, never sent
     * again by a request id of its own).
     */
    OptionalLong sentBefore(RecordMilestoneCommand command, ConflictResolver conflicts) {
        OptionalLong version = requests.replay(command.requestId(), digest(command));
        if (version.isPresent()) {
            conflicts.detectConflicts(changes -> false);
        }
        return version;
    }

    void requireRoom() {
        if (reached >= Bounds.MAX_LIST) {
            throw new StateConflictException("a project records at most " + Bounds.MAX_LIST + " milestones");
        }
    }

    /** The metadata of the milestone's event: its request, when it has an id. */
    MetaData metadata(RecordMilestoneCommand command) {
        return MetaData.from(AnsweredRequests.metadata(command.requestId(), digest(command)));
    }

    @EventSourcingHandler(payloadType = MilestoneReached.class)
    void reached(EventMessage<?> milestone, @SequenceNumber long sequence) {
        reached++;
        requests.answered(milestone.getMetaData().get(AnsweredRequests.REQUEST_ID),
                milestone.getMetaData().get(AnsweredRequests.REQUEST_DIGEST), sequence);
    }

    /** What the request asked, as sent. Stored in the event: its encoding never changes. */
    private static String digest(RecordMilestoneCommand command) {
        return AnsweredRequests.digest(command.name(), command.reachedOn(), command.note());
    }
}
