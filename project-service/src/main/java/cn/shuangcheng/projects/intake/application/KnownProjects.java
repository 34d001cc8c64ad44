package cn.shuangcheng.projects.intake.application;

import cn.shuangcheng.projects.intake.domain.ReportedProject;
import cn.shuangcheng.servicesupport.eventstore.AggregateStreams;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * What intake holds of each project it has seen ({@link ReportedProject}), kept between rows and brought up to date
 * from the event store before each use. Whatever was appended since - last month's intake commands, the REST API,
 * another instance - is read by point look-ups from the next sequence number on, so a monthly resend of 10,000
 * projects costs a few index probes per project instead of a replay of every stream. A project not seen since the
 * start (or evicted) is replayed once; an unknown one costs one probe of its first event.
 * <p>
 * The fold stays the only truth: nothing here is ever applied except events read from the store.
 */
public final class KnownProjects {

    /**
     * The fold of a project's events up to, not including, {@code nextSequence}, and the correlation id of the last
     * of them. Never changed once cached.
     */
    private record Known(ReportedProject state, long nextSequence, String lastCorrelationId) {
    }

    private final EventStore eventStore;
    private final AggregateStreams streams;
    private final Cache<String, Known> known;

    /**
     * @param maximumWeight the facts kept at most ({@link ReportedProject#weight()}): bounded by what the entries
     *                      hold, not by their count, since one project can carry a hundred months and milestones
     */
    public KnownProjects(EventStore eventStore, AggregateStreams streams, long maximumWeight) {
        this.eventStore = eventStore;
        this.streams = streams;
        this.known = Caffeine.newBuilder().maximumWeight(maximumWeight)
                .weigher((String id, Known entry) -> entry.state().weight()).build();
    }

    /**
     * The project as its stored events say now ({@link ReportedProject#none()} for one without events), and the
     * version those events reach (-1 for none): what a plan made from it is based on.
     */
    record Current(ReportedProject state, long version) {
    }

    Current current(String projectId) {
        Known entry = known.asMap().compute(projectId,
                (id, before) -> before == null ? replay(id) : catchUp(id, before));
        return new Current(entry.state(), entry.nextSequence() - 1);
    }

    /**
     * Whether the last stored event of the project was caused under {@code correlationId} (read by the last
     * {@link #current}): then a row that finds nothing left to change was applied by an earlier attempt of the same
     * batch or record, whose outcome an instance that stopped never recorded.
     */
    boolean lastCausedBy(String projectId, String correlationId) {
        Known entry = known.getIfPresent(projectId);
        return entry != null && correlationId.equals(entry.lastCorrelationId());
    }

    private Known replay(String projectId) {
        if (!streams.containsEvent(projectId, 0)) {
            return new Known(ReportedProject.none(), 0, null);
        }
        return fold(ReportedProject.none(), eventStore.readEvents(projectId), 0, null);
    }

    private Known catchUp(String projectId, Known before) {
        DomainEventStream newer = streams.readEventsAfterKnown(projectId, before.nextSequence());
        return newer.hasNext() ? fold(before.state().copy(), newer, before.nextSequence(), before.lastCorrelationId())
                : before;
    }

    private static Known fold(ReportedProject state, DomainEventStream events, long nextSequence,
                              String lastCorrelationId) {
        long next = nextSequence;
        String correlation = lastCorrelationId;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            state.apply(event.getPayload());
            next = event.getSequenceNumber() + 1;
            Object id = event.getMetaData().get("correlationId");
            correlation = id == null ? null : id.toString();
        }
        return new Known(state, next, correlation);
    }
}
