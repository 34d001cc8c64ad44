package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The case axon-mongo's timestamp tracking fails: thousands of events within about a second, written by several
 * threads, read by a tracker while they are being written.
 */
class BurstTrackingTest {

    private static final int AGGREGATES = 500;
    private static final int EVENTS_PER_AGGREGATE = 10;
    private static final int WRITER_THREADS = 4;
    /** Two commands per aggregate, five events each: 1,000 appends, which the stand-in takes in about a second. */
    private static final int EVENTS_PER_APPEND = 5;

    @Test
    void aBurstFromSeveralWritersIsTrackedCompletelyOnceAndInOrderPerAggregate() throws Exception {
        SequencedMongoEventStorageEngine engine =
                EventStoreTestSupport.engineOn(EventStoreTestSupport.freshDatabase("burst")).batchSize(500).build();
        BurstWriter burst = new BurstWriter(
                engine, AGGREGATES, EVENTS_PER_AGGREGATE, WRITER_THREADS, "intake-", EVENTS_PER_APPEND);
        TrackingReader tracker = new TrackingReader(engine);

        ExecutorService pool = Executors.newFixedThreadPool(WRITER_THREADS);
        long started = System.nanoTime();
        try {
            List<Future<?>> writers = burst.start(pool);
            // Track while the burst is being written: the tracker meets indexes reserved but not yet inserted.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5))
                   .until(() -> tracker.readAvailable() >= burst.totalEvents());
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Burst of %d events written in %d ms, tracked completely after %d ms, most gaps %d%n",
                          burst.totalEvents(), (burst.finishedAtNanos() - started) / 1_000_000, elapsedMillis,
                          tracker.mostOpenGaps());

        assertThat(tracker.readAvailable()).isEqualTo(burst.totalEvents());
        List<DomainEventMessage<?>> received = tracker.received();
        assertThat(received.stream().map(DomainEventMessage::getIdentifier).distinct()).hasSize(burst.totalEvents());
        Map<String, List<Long>> sequencesPerAggregate = received.stream().collect(Collectors.groupingBy(
                DomainEventMessage::getAggregateIdentifier,
                Collectors.mapping(DomainEventMessage::getSequenceNumber, Collectors.toList())));
        assertThat(sequencesPerAggregate).hasSize(AGGREGATES);
        List<Long> expectedSequences = LongStream.range(0, EVENTS_PER_AGGREGATE).boxed().toList();
        assertThat(sequencesPerAggregate).allSatisfy(
                (aggregate, sequences) -> assertThat(sequences).as(aggregate).isEqualTo(expectedSequences));
        GapAwareTrackingToken last = (GapAwareTrackingToken) tracker.token();
        assertThat(last.getIndex()).isEqualTo(burst.totalEvents());
        assertThat(last.getGaps()).isEmpty();
    }

}
