package cn.shuangcheng.servicesupport.eventstore;

import java.util.List;
import java.util.function.BiFunction;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import cn.shuangcheng.kernel.StateConflictException;

/**
 * Refuses the change that would make one aggregate's stream longer than {@code shuangcheng.eventstore
 * .max-events-per-aggregate} (default {@value EventStoreProperties#DEFAULT_MAX_EVENTS_PER_AGGREGATE}): 409, and nothing
 * of the command is stored.
 * <p>
 * Why: there are no snapshots, so every command on an aggregate that is not cached replays its whole stream, and
 * reporting-service folds a project's, secondment's or agenda item's whole stream again for each of its events. A
 * caller with write access could otherwise grow one stream without end (suspend and resume, correct a month back
 * and forth, note progress) until each of its changes costs every service seconds, and then minutes. The limit is
 * above any real history: a project listed for fifteen years, with every month recorded and corrected, a hundred
 * milestones and its lifecycle, has about 500 changes, and a full exchange batch (500 places a direction) 1,001. An
 * aggregate already beyond the limit (stored before it, or under a higher one) is read as before but changes no more.
 * <p>
 * Axon intercepts a unit of work's events when it commits, so a refused change rolls the whole command back.
 */
final class EventsPerAggregateLimit implements MessageDispatchInterceptor<EventMessage<?>> {

    private final long maxEvents;

    EventsPerAggregateLimit(long maxEvents) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("shuangcheng.eventstore.max-events-per-aggregate (" + maxEvents
                    + ") must be at least 1");
        }
        this.maxEvents = maxEvents;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
            if (message instanceof DomainEventMessage<?> event && event.getSequenceNumber() >= maxEvents) {
                throw new StateConflictException("this resource holds " + maxEvents + " changes, as many as one "
                        + "may hold; nothing was changed");
            }
            return message;
        };
    }
}
