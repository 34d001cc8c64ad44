package cn.shuangcheng.servicesupport.eventstore;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.engineOn;
import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.event;
import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.tombstoneAt;
import static cn.shuangcheng.servicesupport.eventstore.EventStoreTestSupport.tombstones;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tombstones of given-up gaps stall no tracker and are seen by nothing else that reads the store. */
class TombstonesTest {

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    private MongoDatabase database;
    private SequencedMongoEventStorageEngine engine;
    /** Reserves one index and fails before the insert, as an append whose process died would. */
    private SequencedMongoEventStorageEngine losing;

    @BeforeEach
    void createEngines() {
        database = EventStoreTestSupport.freshDatabase("tombstones");
        engine = engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).batchSize(10).build();
        losing = engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).reservationDecorator(counter -> count -> {
            counter.reserve(count);
            throw new MongoException("died between reservation and insert");
        }).build();
    }

    @Test
    void aRunOfTombstonesLongerThanTheLookUpWindowAndTheBatchDoesNotStallATracker() {
        engine.appendEvents(event("a", 0));                                        // index 1
        int lost = SequencedMongoEventStorageEngine.LOOK_UP_WINDOW + 50;
        for (int i = 0; i < lost; i++) {                                           // indexes 2..151
            loseOneIndex();
        }
        engine.appendEvents(event("b", 0));                                        // index 152
        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        TrackingReader first = new TrackingReader(engine);
        assertThat(first.readAvailable()).isEqualTo(2);                            // closes 2..151
        assertThat(tombstones(database)).isEqualTo(lost);
        engine.appendEvents(event("c", 0));                                        // index 153

        TrackingReader fresh = new TrackingReader(engine);
        assertThat(fresh.readAvailable()).isEqualTo(3);
        List<? extends TrackedEventMessage<?>> afterOne =
                engine.readEvents(GapAwareTrackingToken.newInstance(1, Set.of()), false).toList();

        assertThat(fresh.received()).extracting(DomainEventMessage::getAggregateIdentifier)
                                    .containsExactly("a", "b", "c");
        assertThat(fresh.token()).isEqualTo(GapAwareTrackingToken.newInstance(153, Set.of()));
        assertThat(fresh.mostOpenGaps()).isZero();
        assertThat(afterOne).extracting(m -> m.trackingToken().position().orElseThrow()).containsExactly(152L, 153L);
        assertThat(first.readAvailable()).isEqualTo(3);
        assertThat(first.token()).isEqualTo(GapAwareTrackingToken.newInstance(153, Set.of()));
    }

    @Test
    void anAggregateAmongTombstonesLoadsAndTokensAreRight() {
        loseOneIndex();                                                            // index 1
        engine.appendEvents(event("a", 0));                                        // index 2
        loseOneIndex();                                                            // index 3
        engine.appendEvents(event("a", 1), event("a", 2));                         // indexes 4, 5
        loseOneIndex();                                                            // index 6
        engine.appendEvents(event("b", 0));                                        // index 7
        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        TrackingReader tracker = new TrackingReader(engine);
        assertThat(tracker.readAvailable()).isEqualTo(4);
        assertThat(List.of(tombstoneAt(database, 1), tombstoneAt(database, 3), tombstoneAt(database, 6)))
                .containsOnly(true);

        assertThat(engine.readEvents("a").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L);
        assertThat(engine.readEvents("a", 1).asStream().toList()).hasSize(2);
        assertThat(engine.readEventsAfterKnown("a", 1).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(1L, 2L);
        assertThat(engine.lastSequenceNumberFor("a")).contains(2L);
        assertThat(engine.containsEvent("a", 2)).isTrue();
        assertThat(engine.containsEvent("a", 3)).isFalse();
        // a tombstone is no aggregate, not even for an identifier spelled like its own
        assertThat(engine.lastSequenceNumberFor("gap:3")).isEmpty();
        assertThat(engine.readEvents("gap:3").asStream()).isEmpty();
        assertThat(engine.containsEvent("gap:3", 0)).isFalse();

        assertThat(engine.createTailToken()).isEqualTo(GapAwareTrackingToken.newInstance(0, Set.of()));
        assertThat(engine.createHeadToken()).isEqualTo(GapAwareTrackingToken.newInstance(7, Set.of()));
        // tombstones carry no event time: the first event at or after a moment is a real one
        assertThat(engine.createTokenAt(Instant.parse("2000-01-01T00:00:00Z")))
                .isEqualTo(GapAwareTrackingToken.newInstance(1, Set.of()));
        assertThat(engine.createTokenAt(Instant.now().plusSeconds(3600))).isEqualTo(engine.createHeadToken());
        TrackingReader fromTail = new TrackingReader(engine);
        assertThat(engine.readEvents(engine.createTailToken(), false).toList()).hasSize(4);
        assertThat(fromTail.readAvailable()).isEqualTo(4);

        database.getCollection("sequences").drop();                               // the counter rebuilt at start
        SequencedMongoEventStorageEngine restarted = engineOn(database).clock(clock).build();
        restarted.appendEvents(event("a", 3));
        assertThat(database.getCollection("domainevents", org.bson.BsonDocument.class)
                           .find(new org.bson.BsonDocument("aggregateIdentifier", new org.bson.BsonString("a"))
                                         .append("sequenceNumber", new org.bson.BsonInt64(3))).first()
                           .getInt64("_id").getValue()).isEqualTo(8L);
        assertThat(database.getCollection("domainevents").countDocuments(GapTombstones.eventsOnly())).isEqualTo(5);
    }

    @Test
    void gapsGivenUpForMaxGapOffsetAndBelowAFreshTokensFirstEventAreClosedToo() {
        SequencedMongoEventStorageEngine shortMemory =
                engineOn(database).clock(clock).gapTimeout(GAP_TIMEOUT).maxGapOffset(5).build();
        loseOneIndex();                                                            // index 1
        shortMemory.appendEvents(event("a", 0));                                   // index 2
        loseOneIndex();                                                            // index 3
        for (int i = 0; i < 6; i++) {
            shortMemory.appendEvents(event("b", i));                               // indexes 4..9
        }

        TrackingReader tracker = new TrackingReader(shortMemory);
        assertThat(tracker.readAvailable()).isEqualTo(7);

        // index 1 is below the fresh tracker's first event but young: waited for until index 7 (more than 5 above)
        // is read, index 3 until index 9; both are closed then, although the gap timeout has not passed
        assertThat(tracker.token()).isEqualTo(GapAwareTrackingToken.newInstance(9, Set.of()));
        assertThat(tombstoneAt(database, 1)).isTrue();
        assertThat(tombstoneAt(database, 3)).isTrue();
        assertThatThrownBy(() -> database.getCollection("domainevents", org.bson.BsonDocument.class)
                .insertOne(new org.bson.BsonDocument("_id", new org.bson.BsonInt64(3))))
                .isInstanceOf(MongoException.class);
    }

    private void loseOneIndex() {
        assertThatThrownBy(() -> losing.appendEvents(event("lost", 0))).isInstanceOf(EventStoreException.class);
    }
}
