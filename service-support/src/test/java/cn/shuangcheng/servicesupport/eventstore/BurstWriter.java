package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a burst the way intake does: many aggregates, a few events per append (one command each), from several
 * threads at once, so that appends race for global indexes and tracking sees indexes reserved but not yet written.
 * Each aggregate belongs to one thread, which appends its events in sequence order.
 */
final class BurstWriter {

    private final EventStorageEngine engine;
    private final int aggregates;
    private final int eventsPerAggregate;
    private final int threads;
    private final String aggregatePrefix;
    private final int eventsPerAppend;
    private final AtomicLong lastWriterDone = new AtomicLong();

    BurstWriter(EventStorageEngine engine, int aggregates, int eventsPerAggregate, int threads, String aggregatePrefix) {
        this(engine, aggregates, eventsPerAggregate, threads, aggregatePrefix, 1);
    }

    /**
     * @param eventsPerAppend how many consecutive events of one aggregate go into one append (one command applying
     *                        several events); must divide {@code eventsPerAggregate}
     */
    BurstWriter(EventStorageEngine engine, int aggregates, int eventsPerAggregate, int threads, String aggregatePrefix,
                int eventsPerAppend) {
        if (eventsPerAggregate % eventsPerAppend != 0) {
            throw new IllegalArgumentException("eventsPerAppend must divide eventsPerAggregate");
        }
        this.eventsPerAppend = eventsPerAppend;
        this.engine = engine;
        this.aggregates = aggregates;
        this.eventsPerAggregate = eventsPerAggregate;
        this.threads = threads;
        this.aggregatePrefix = aggregatePrefix;
    }

    /** {@link System#nanoTime()} when the last writer thread finished, 0 while writing. */
    long finishedAtNanos() {
        return lastWriterDone.get();
    }

    int totalEvents() {
        return aggregates * eventsPerAggregate;
    }

    String aggregateId(int aggregate) {
        return aggregatePrefix + aggregate;
    }

    /** Starts the writers and returns at once; the future completes when every event is appended. */
    List<Future<?>> start(ExecutorService pool) {
        List<Future<?>> writers = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            int owner = thread;
            writers.add(pool.submit(() -> {
                for (int first = 0; first < eventsPerAggregate; first += eventsPerAppend) {
                    for (int aggregate = owner; aggregate < aggregates; aggregate += threads) {
                        List<DomainEventMessage<?>> events = new ArrayList<>(eventsPerAppend);
                        for (int sequence = first; sequence < first + eventsPerAppend; sequence++) {
                            events.add(EventStoreTestSupport.event(aggregateId(aggregate), sequence));
                        }
                        engine.appendEvents(events);
                    }
                }
                lastWriterDone.accumulateAndGet(System.nanoTime(), Math::max);
            }));
        }
        return writers;
    }

    /** Writes the whole burst and waits for it. */
    void writeAll() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<?> writer : start(pool)) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
