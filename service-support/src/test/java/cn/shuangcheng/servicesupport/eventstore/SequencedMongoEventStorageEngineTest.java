package cn.shuangcheng.servicesupport.eventstore;

import cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.AmountRecorded;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.awaitility.Awaitility;
import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.engineOn;
import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequencedMongoEventStorageEngineTest {

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private MongoDatabase database;
    private SequencedMongoEventStorageEngine engine;

    @BeforeEach
    void createEngine() {
        database = EventStoreTestSupport.freshDatabase("engine");
        engine = engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).batchSize(100).build();
    }

    @Test
    void appendsAndLoadsAnAggregateStreamInSequenceOrder() {
        engine.appendEvents(event("project-1", 0), event("project-1", 1));
        engine.appendEvents(event("project-2", 0));
        engine.appendEvents(event("project-1", 2));

        List<? extends DomainEventMessage<?>> stream = engine.readEvents("project-1").asStream().toList();

        assertThat(stream).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(stream.get(2).getPayload())
                .isEqualTo(new AmountRecorded("project-1#2", LocalDate.of(2023, 2, 10), 1_002));
        assertThat(stream.get(2).getMetaData()).containsEntry("principal", "alice")
                                               .containsEntry("correlationId", "corr-project-1");
        assertThat(stream.get(2).getType()).isEqualTo("TestAccount");
        assertThat(engine.readEvents("project-1", 2).asStream().toList()).hasSize(1);
        assertThat(engine.lastSequenceNumberFor("project-1")).contains(2L);
        assertThat(engine.lastSequenceNumberFor("unknown")).isEmpty();
    }

    @Test
    void looksUpSingleEventsAndTheEventsAfterAKnownSequence() {
        engine.appendEvents(event("project-1", 0), event("project-1", 1), event("project-1", 2));
        engine.appendEvents(event("project-2", 0));

        assertThat(engine.containsEvent("project-1", 2)).isTrue();
        assertThat(engine.containsEvent("project-1", 3)).isFalse();
        assertThat(engine.containsEvent("unknown", 0)).isFalse();
        assertThat(engine.readEventsAfterKnown("project-1", 1).asStream().toList())
                .extracting(DomainEventMessage::getSequenceNumber, e -> ((AmountRecorded) e.getPayload()).note())
                .containsExactly(tuple(1L, "project-1#1"), tuple(2L, "project-1#2"));
        assertThat(engine.readEventsAfterKnown("project-1", 3).asStream()).isEmpty();
        assertThat(engine.readEventsAfterKnown("unknown", 0).asStream()).isEmpty();
    }

    @Test
    void storesPayloadAndMetadataAsReadableDocumentsUnderTheGlobalIndex() {
        engine.appendEvents(event("project-1", 0), event("project-1", 1));

        BsonDocument stored = database.getCollection("domainevents", BsonDocument.class)
                                      .find(new BsonDocument("sequenceNumber", new org.bson.BsonInt64(1))).first();

        assertThat(stored.getInt64("_id").getValue()).isEqualTo(2L);
        assertThat(stored.getDocument("payload").getString("day").getValue()).isEqualTo("2023-02-10");
        assertThat(stored.getDocument("payload").getInt32("amountYuan").getValue()).isEqualTo(1_001);
        assertThat(stored.getDocument("metaData").getString("principal").getValue()).isEqualTo("alice");
        assertThat(stored.getString("payloadType").getValue()).isEqualTo(AmountRecorded.class.getName());
        assertThat(database.getCollection("sequences", BsonDocument.class).find().first()
                           .getNumber("value").longValue()).isEqualTo(2L);
    }

    @Test
    void aConflictingAppendAtAnExistingSequenceIsAConcurrencyExceptionAndChangesNothing() {
        engine.appendEvents(event("project-1", 0), event("project-1", 1));
        DomainEventMessage<AmountRecorded> rival = new GenericDomainEventMessage<>(
                "TestAccount", "project-1", 1, new AmountRecorded("rival", LocalDate.of(2024, 1, 1), 9));

        assertThatThrownBy(() -> engine.appendEvents(rival, event("project-1", 2)))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("project-1");
        assertThatThrownBy(() -> engine.appendEvents(event("project-1", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);

        assertThat(engine.readEvents("project-1").asStream().map(e -> ((AmountRecorded) e.getPayload()).note()))
                .containsExactly("project-1#0", "project-1#1");
        assertThat(database.getCollection("domainevents").countDocuments()).isEqualTo(2);
    }

    @Test
    void exactlyOneOfSeveralConcurrentWritersWinsTheSameSequence() throws Exception {
        engine.appendEvents(event("project-1", 0));
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<CompletableFuture<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                outcomes.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    try {
                        engine.appendEvents(event("project-1", 1));
                        return true;
                    } catch (ConcurrencyException e) {
                        return false;
                    }
                }, pool));
            }
            start.countDown();
            List<Boolean> results = new ArrayList<>();
            for (CompletableFuture<Boolean> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).containsOnlyOnce(true);
        } finally {
            pool.shutdownNow();
        }
        assertThat(engine.readEvents("project-1").asStream().toList()).hasSize(2);
    }

    @Test
    void trackingReturnsEveryEventInGlobalOrderWithTokensAtTheirIndex() {
        for (int round = 0; round < 3; round++) {
            for (int aggregate = 0; aggregate < 70; aggregate++) {
                engine.appendEvents(event("agg-" + aggregate, round));
            }
        }

        List<? extends TrackedEventMessage<?>> tracked = engine.readEvents(null, false).toList();

        assertThat(tracked).hasSize(210);
        assertThat(tracked).extracting(m -> position(m.trackingToken()))
                           .containsExactlyElementsOf(LongStream.rangeClosed(1, 210).boxed().toList());
        assertThat(tracked.get(70)).isInstanceOf(DomainEventMessage.class);
        assertThat(((DomainEventMessage<?>) tracked.get(70)).getAggregateIdentifier()).isEqualTo("agg-0");
        assertThat(((DomainEventMessage<?>) tracked.get(70)).getSequenceNumber()).isEqualTo(1L);
        assertThat(engine.readEvents(tracked.get(199).trackingToken(), false).toList()).hasSize(10);
    }

    @Test
    void createsTailHeadAndTimeTokens() {
        assertThat(engine.createTailToken()).isNull();
        assertThat(engine.createHeadToken()).isNull();
        engine.appendEvents(event("a", 0), event("a", 1));
        // Event timestamps are stored to the millisecond: let the wall clock pass a few before the third event.
        Instant between = Instant.now().plusMillis(2);
        Awaitility.await().until(() -> Instant.now().isAfter(between.plusMillis(2)));
        engine.appendEvents(event("a", 2));

        assertThat(engine.createTailToken()).isEqualTo(GapAwareTrackingToken.newInstance(0, Set.of()));
        assertThat(engine.createHeadToken()).isEqualTo(GapAwareTrackingToken.newInstance(3, Set.of()));
        assertThat(engine.createTokenAt(Instant.parse("2000-01-01T00:00:00Z")))
                .isEqualTo(engine.createTailToken());
        assertThat(engine.createTokenAt(Instant.now().plusSeconds(3600))).isEqualTo(engine.createHeadToken());
        assertThat(engine.createTokenAt(between)).isEqualTo(GapAwareTrackingToken.newInstance(2, Set.of()));
    }

    @Test
    void anIndexWrittenLateByASlowerWriterIsStillDelivered() throws Exception {
        CountDownLatch reserved = new CountDownLatch(1);
        CountDownLatch mayInsert = new CountDownLatch(1);
        AtomicBoolean holdNextWriter = new AtomicBoolean(false);
        SequencedMongoEventStorageEngine holding = engineOn(database)
                .clock(clock).gapTimeout(GAP_TIMEOUT)
                .reservationDecorator(counter -> count -> {
                    long first = counter.reserve(count);
                    if (holdNextWriter.compareAndSet(true, false)) {
                        reserved.countDown();
                        await(mayInsert);
                    }
                    return first;
                })
                .build();

        holding.appendEvents(event("fast-1", 0));                                  // index 1
        holdNextWriter.set(true);
        CompletableFuture<Void> slowWriter =
                CompletableFuture.runAsync(() -> holding.appendEvents(event("slow", 0))); // index 2, held
        assertThat(reserved.await(10, TimeUnit.SECONDS)).isTrue();
        holding.appendEvents(event("fast-2", 0));                                  // index 3

        List<? extends TrackedEventMessage<?>> firstRead = engine.readEvents(null, false).toList();
        assertThat(firstRead).extracting(m -> position(m.trackingToken())).containsExactly(1L, 3L);
        GapAwareTrackingToken afterFirstRead = (GapAwareTrackingToken) firstRead.get(1).trackingToken();
        assertThat(afterFirstRead.getGaps()).containsExactly(2L);

        mayInsert.countDown();
        slowWriter.get(10, TimeUnit.SECONDS);
        List<? extends TrackedEventMessage<?>> secondRead = engine.readEvents(afterFirstRead, false).toList();

        assertThat(secondRead).hasSize(1);
        assertThat(((DomainEventMessage<?>) secondRead.get(0)).getAggregateIdentifier()).isEqualTo("slow");
        GapAwareTrackingToken afterGapFilled = (GapAwareTrackingToken) secondRead.get(0).trackingToken();
        assertThat(afterGapFilled.getIndex()).isEqualTo(3L);
        assertThat(afterGapFilled.getGaps()).isEmpty();
        assertThat(engine.readEvents(afterGapFilled, false).toList()).isEmpty();
    }

    @Test
    void aGapThatNeverFillsIsGivenUpAfterTheGapTimeoutAndTrackingGoesOn() {
        engine.appendEvents(event("a", 0));                                        // index 1
        assertThatThrownBy(() -> engine.appendEvents(event("a", 0)))               // reserves 2, never written
                .isInstanceOf(AggregateStreamCreationException.class);
        engine.appendEvents(event("b", 0));                                        // index 3

        TrackingToken token = last(engine.readEvents(null, false).toList()).trackingToken();
        assertThat(((GapAwareTrackingToken) token).getGaps()).containsExactly(2L);

        engine.appendEvents(event("c", 0));                                        // index 4, gap still young
        token = last(engine.readEvents(token, false).toList()).trackingToken();
        assertThat(((GapAwareTrackingToken) token).getGaps()).containsExactly(2L);

        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        engine.appendEvents(event("d", 0));                                        // index 5
        List<? extends TrackedEventMessage<?>> afterTimeout = engine.readEvents(token, false).toList();

        assertThat(afterTimeout).hasSize(1);
        assertThat(afterTimeout.get(0).trackingToken())
                .isEqualTo(GapAwareTrackingToken.newInstance(5, Set.of()));
        assertThat(EventStoreTestSupport.tombstoneAt(database, 2)).as("the gap given up is closed").isTrue();
    }

    @Test
    void aRunOfExpiredGapsLongerThanTheLookUpWindowIsGivenUpToo() {
        engine.appendEvents(event("a", 0));                                        // index 1
        int failed = SequencedMongoEventStorageEngine.LOOK_UP_WINDOW + 50;
        for (int i = 0; i < failed; i++) {                                         // indexes 2..151, never written
            assertThatThrownBy(() -> engine.appendEvents(event("a", 0)))
                    .isInstanceOf(AggregateStreamCreationException.class);
        }
        engine.appendEvents(event("b", 0));                                        // index 152
        TrackingToken token = last(engine.readEvents(null, false).toList()).trackingToken();
        assertThat(((GapAwareTrackingToken) token).getGaps()).hasSize(failed);

        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        engine.appendEvents(event("c", 0));                                        // index 153
        List<? extends TrackedEventMessage<?>> afterTimeout = engine.readEvents(token, false).toList();

        assertThat(afterTimeout).hasSize(1);
        assertThat(afterTimeout.get(0).trackingToken())
                .isEqualTo(GapAwareTrackingToken.newInstance(153, Set.of()));
        assertThat(EventStoreTestSupport.tombstones(database)).isEqualTo(failed);
    }

    @Test
    void gapsOlderThanTheTimeoutAreNotRecordedWhenReadingOldEventsFromTheStart() {
        engine.appendEvents(event("a", 0));
        assertThatThrownBy(() -> engine.appendEvents(event("a", 0))).isInstanceOf(AggregateStreamCreationException.class);
        engine.appendEvents(event("b", 0));
        clock.advance(GAP_TIMEOUT.plusSeconds(1));

        TrackingToken token = last(engine.readEvents(null, false).toList()).trackingToken();

        assertThat(token).isEqualTo(GapAwareTrackingToken.newInstance(3, Set.of()));
        assertThat(EventStoreTestSupport.tombstoneAt(database, 2)).as("the gap given up is closed").isTrue();
    }

    @Test
    void moreFailedAppendsInARowThanOneBatchDoNotStallTracking() {
        SequencedMongoEventStorageEngine smallBatches =
                engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).batchSize(10).build();
        smallBatches.appendEvents(event("a", 0));                                  // index 1
        for (int i = 0; i < 25; i++) {                                             // indexes 2..26, never written
            assertThatThrownBy(() -> smallBatches.appendEvents(event("a", 0)))
                    .isInstanceOf(AggregateStreamCreationException.class);
        }
        TrackingToken afterFirst = last(smallBatches.readEvents(null, false).toList()).trackingToken();
        smallBatches.appendEvents(event("b", 0));                                  // index 27

        List<? extends TrackedEventMessage<?>> next = smallBatches.readEvents(afterFirst, false).toList();

        assertThat(next).hasSize(1);
        assertThat(position(next.get(0).trackingToken())).isEqualTo(27L);
        assertThat(((GapAwareTrackingToken) next.get(0).trackingToken()).getGaps())
                .containsExactlyElementsOf(LongStream.rangeClosed(2, 26).boxed().toList());
    }

    @Test
    void gapsFurtherThanMaxGapOffsetBelowTheTokenAreDropped() {
        SequencedMongoEventStorageEngine shortMemory =
                engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).maxGapOffset(5).build();
        shortMemory.appendEvents(event("a", 0));                                   // index 1
        assertThatThrownBy(() -> shortMemory.appendEvents(event("a", 0)))          // index 2, never written
                .isInstanceOf(AggregateStreamCreationException.class);
        for (int i = 0; i < 6; i++) {
            shortMemory.appendEvents(event("b", i));                               // indexes 3..8
        }

        List<? extends TrackedEventMessage<?>> tracked = shortMemory.readEvents(null, false).toList();

        assertThat(((GapAwareTrackingToken) tracked.get(2).trackingToken()).getGaps()).containsExactly(2L);
        assertThat(last(tracked).trackingToken()).isEqualTo(GapAwareTrackingToken.newInstance(8, Set.of()));
        assertThat(EventStoreTestSupport.tombstoneAt(database, 2)).as("the gap given up is closed").isTrue();
    }

    @Test
    void keepsOnlyTheLatestSnapshotPerAggregate() {
        engine.appendEvents(event("a", 0), event("a", 1), event("a", 2), event("a", 3));
        engine.storeSnapshot(snapshot("a", 2, "at 2"));
        engine.storeSnapshot(snapshot("a", 3, "at 3"));
        engine.storeSnapshot(snapshot("a", 1, "late and older"));

        assertThat(engine.readSnapshot("a")).get()
                                            .extracting(s -> ((AmountRecorded) s.getPayload()).note())
                                            .isEqualTo("at 3");
        assertThat(database.getCollection("snapshotevents").countDocuments()).isEqualTo(1);
        assertThat(engine.readSnapshot("b")).isEmpty();
    }

    @Test
    void theCounterIsNeverBehindTheStoredEventsWhenAnEngineStarts() {
        engine.appendEvents(event("a", 0), event("a", 1));
        database.getCollection("sequences").drop();

        SequencedMongoEventStorageEngine restarted = engineOn(database).clock(clock).build();
        restarted.appendEvents(event("a", 2));

        assertThat(position(last(restarted.readEvents(null, false).toList()).trackingToken())).isEqualTo(3L);
    }

    private static DomainEventMessage<AmountRecorded> snapshot(String aggregateId, long sequence, String note) {
        return new GenericDomainEventMessage<>("TestAccount", aggregateId, sequence,
                                               new AmountRecorded(note, LocalDate.of(2023, 1, 1), sequence));
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow();
    }

    private static <T> T last(List<? extends T> list) {
        assertThat(list).isNotEmpty();
        return list.get(list.size() - 1);
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Latch not released in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
