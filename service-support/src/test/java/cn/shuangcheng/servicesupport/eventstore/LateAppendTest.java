package cn.shuangcheng.servicesupport.eventstore;

import cn.shuangcheng.servicesupport.web.AxonProblemMapper;
import cn.shuangcheng.support.web.ProblemExceptionHandler;
import cn.shuangcheng.support.web.ProblemKind;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.engineOn;
import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.event;
import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.tombstoneAt;
import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.tombstones;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An append that lands after trackers gave its gap up: either the append is refused (the tracker's tombstone took
 * the index first) or a tracker reads it (the event took the index first) - never stored but unread.
 */
class LateAppendTest {

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private MongoDatabase database;
    private SequencedMongoEventStorageEngine trackerEngine;

    @BeforeEach
    void createEngine() {
        database = EventStoreTestSupport.freshDatabase("late");
        trackerEngine = engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).batchSize(100).build();
    }

    @Test
    void aWriterHeldPastTheGapTimeoutIsRefusedOrReadNeverStoredButUnread() throws Exception {
        HeldWriter held = new HeldWriter();
        SequencedMongoEventStorageEngine writer =
                engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).reservationDecorator(held::decorate).build();
        writer.appendEvents(event("fast-1", 0));                                   // index 1
        CompletableFuture<Void> late = held.append(writer, event("late", 0));     // index 2, held
        writer.appendEvents(event("fast-2", 0));                                   // index 3
        TrackingReader tracker = new TrackingReader(trackerEngine);
        assertThat(tracker.readAvailable()).isEqualTo(2);
        assertThat(((GapAwareTrackingToken) tracker.token()).getGaps()).containsExactly(2L);

        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        writer.appendEvents(event("fast-3", 0));                                   // index 4: read past the gap
        assertThat(tracker.readAvailable()).isEqualTo(3);
        held.release();
        Throwable refusal = HeldWriter.outcome(late);
        tracker.readAvailable();

        boolean stored = trackerEngine.lastSequenceNumberFor("late").isPresent();
        boolean read = tracker.received().stream().map(DomainEventMessage::getAggregateIdentifier)
                              .anyMatch("late"::equals);
        assertThat(stored).as("the late event is stored (append failure: %s); a tracker read it", refusal)
                          .isEqualTo(read);
        assertThat(refusal).isInstanceOf(LateAppendRefusedException.class)
                           .hasMessageContaining("global index [2]").hasMessageContaining("[late] at sequence [0]");
        assertThat(stored).isFalse();
        assertThat(tombstoneAt(database, 2)).isTrue();
    }

    @Test
    void lateWritersRacingATrackerAreEachRefusedOrReadNeverStoredButUnread() throws Exception {
        SequencedMongoEventStorageEngine fast = engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).build();
        TrackingReader tracker = new TrackingReader(trackerEngine);
        int rounds = 40;
        int refused = 0;
        for (int round = 0; round < rounds; round++) {
            HeldWriter held = new HeldWriter();
            SequencedMongoEventStorageEngine writer = engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT)
                    .ensureIndexes(false).reservationDecorator(held::decorate).build();
            CompletableFuture<Void> late = held.append(writer, event("late-" + round, 0));
            fast.appendEvents(event("before-" + round, 0));
            tracker.readAvailable();
            clock.advance(GAP_TIMEOUT.plusSeconds(1));
            fast.appendEvents(event("after-" + round, 0));

            held.release();                                    // the insert and the tracker's tombstone race
            tracker.readAvailable();
            Throwable failure = HeldWriter.outcome(late);
            tracker.readAvailable();

            String aggregate = "late-" + round;
            boolean stored = trackerEngine.lastSequenceNumberFor(aggregate).isPresent();
            boolean read = tracker.received().stream().map(DomainEventMessage::getAggregateIdentifier)
                                  .anyMatch(aggregate::equals);
            assertThat(stored).as("round %d: stored (failure %s), read", round, failure).isEqualTo(read);
            assertThat(stored).as("round %d: stored, or refused as late: %s", round, failure)
                              .isNotEqualTo(failure instanceof LateAppendRefusedException);
            refused += stored ? 0 : 1;
        }
        System.out.printf("late appends racing a tracker: %d rounds, %d refused, %d read, 0 stored but unread%n",
                          rounds, refused, rounds - refused);
        assertThat(((GapAwareTrackingToken) tracker.token()).getGaps()).isEmpty();
    }

    @Test
    void aHeldBatchIsRefusedWholeWhenTrackersClosedItsFirstIndex() throws Exception {
        HeldWriter held = new HeldWriter();
        SequencedMongoEventStorageEngine writer =
                engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).reservationDecorator(held::decorate).build();
        writer.appendEvents(event("fast-1", 0));                                   // index 1
        CompletableFuture<Void> late =                                             // indexes 2..4, held
                held.append(writer, event("late", 0), event("late", 1), event("late", 2));
        writer.appendEvents(event("fast-2", 0));                                   // index 5
        TrackingReader tracker = new TrackingReader(trackerEngine);
        tracker.readAvailable();
        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        writer.appendEvents(event("fast-3", 0));                                   // index 6
        tracker.readAvailable();
        held.release();

        assertThat(HeldWriter.outcome(late)).isInstanceOf(LateAppendRefusedException.class)
                                            .hasMessageContaining("0 of the batch's 3 events were stored");
        assertThat(trackerEngine.lastSequenceNumberFor("late")).isEmpty();
        assertThat(tombstones(database)).isEqualTo(3);
        tracker.readAvailable();
        assertThat(tracker.received()).extracting(DomainEventMessage::getAggregateIdentifier)
                                      .containsExactly("fast-1", "fast-2", "fast-3");
        assertThat(tracker.token()).isEqualTo(GapAwareTrackingToken.newInstance(6, Set.of()));
    }

    @Test
    void anInsertThatLandsJustBeforeTheTrackersTombstoneIsReadByTheTracker() throws Exception {
        HeldWriter held = new HeldWriter();
        AtomicReference<CompletableFuture<Void>> late = new AtomicReference<>();
        AtomicReference<Throwable> lateOutcome = new AtomicReference<>(new IllegalStateException("not run"));
        SequencedMongoEventStorageEngine writer =
                engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).reservationDecorator(held::decorate).build();
        SequencedMongoEventStorageEngine racingTracker = engineOn(database)
                .clock(clock).gapTimeout(GAP_TIMEOUT)
                .beforeTombstoning(() -> {                  // the held insert lands between decision and tombstone
                    held.release();
                    try {
                        lateOutcome.set(HeldWriter.outcome(late.get()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .build();
        writer.appendEvents(event("fast-1", 0));                                   // index 1
        late.set(held.append(writer, event("late", 0)));                           // index 2, held
        writer.appendEvents(event("fast-2", 0));                                   // index 3
        TrackingReader tracker = new TrackingReader(racingTracker);
        tracker.readAvailable();
        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        writer.appendEvents(event("fast-3", 0));                                   // index 4

        tracker.readAvailable();

        assertThat(lateOutcome.get()).isNull();
        assertThat(tombstoneAt(database, 2)).isFalse();
        assertThat(tracker.received()).extracting(DomainEventMessage::getAggregateIdentifier)
                                      .containsExactly("fast-1", "fast-2", "late", "fast-3");
        assertThat(tracker.token()).isEqualTo(GapAwareTrackingToken.newInstance(4, Set.of()));
    }

    @Test
    void aCommandWhoseAppendCameTooLateIsAnswered503WithRetryAfter() throws Exception {
        HeldWriter held = new HeldWriter();
        SequencedMongoEventStorageEngine writer =
                engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).reservationDecorator(held::decorate).build();
        Serializer serializer = AxonJsonSerializers.jacksonSerializer();
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                                              .configureSerializer(c -> serializer)
                                              .configureEmbeddedEventStore(c -> writer)
                                              .configureAggregate(TestAccount.class)
                                              .buildConfiguration();
        axon.start();
        try {
            CompletableFuture<Void> command =                                      // index 1, held
                    held.run(() -> axon.commandGateway().sendAndWait(new TestAccount.OpenAccount("late")));
            writer.appendEvents(event("fast", 0));                                 // index 2
            clock.advance(GAP_TIMEOUT.plusSeconds(1));
            new TrackingReader(trackerEngine).readAvailable();                     // closes index 1
            held.release();
            Throwable refusal = HeldWriter.outcome(command);

            ResponseEntity<Object> answer = new ProblemExceptionHandler(List.of(new AxonProblemMapper()))
                    .unexpected((Exception) refusal);

            assertThat(answer.getStatusCode().value()).as("answer to %s", refusal).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(((ProblemDetail) answer.getBody()).getType()).isEqualTo(ProblemKind.UNAVAILABLE.type());
            assertThat(trackerEngine.lastSequenceNumberFor("late")).isEmpty();
        } finally {
            axon.shutdown();
        }
    }
}
