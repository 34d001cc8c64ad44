package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/**
 * Point look-ups in aggregates' event streams, each answered by the unique (aggregate, sequence) index - by MongoDB
 * and by the in-JVM stand-in alike, which answers no range query from an index.
 */
public interface AggregateStreams {

    /** Whether the aggregate has an event with this sequence number (its first is 0). */
    boolean containsEvent(String aggregateIdentifier, long sequenceNumber);

    /**
     * The aggregate's events from {@code firstSequenceNumber} on, looked up one sequence number after the other until
     * one is missing: for catching up with the few events appended since a version one already knows (one look-up
     * when there are none). To replay a whole stream, read it with {@code EventStore.readEvents}.
     */
    DomainEventStream readEventsAfterKnown(String aggregateIdentifier, long firstSequenceNumber);
}
