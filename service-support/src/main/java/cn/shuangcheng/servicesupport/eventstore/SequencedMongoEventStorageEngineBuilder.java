package cn.shuangcheng.servicesupport.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertStrictPositive;

/**
 * Builds a {@link SequencedMongoEventStorageEngine}, in Axon's builder style: {@code database} is required; the rest
 * has defaults. Obtained from {@link SequencedMongoEventStorageEngine#builder()}.
 */
public class SequencedMongoEventStorageEngineBuilder extends BatchingEventStorageEngine.Builder {

    // read by the engine's constructor (same package); set through the methods below
    MongoDatabase database;
    String eventsCollection = SequencedMongoEventStorageEngine.DEFAULT_EVENTS_COLLECTION;
    String snapshotsCollection = SequencedMongoEventStorageEngine.DEFAULT_SNAPSHOTS_COLLECTION;
    String sequencesCollection = SequencedMongoEventStorageEngine.DEFAULT_SEQUENCES_COLLECTION;
    Duration gapTimeout = SequencedMongoEventStorageEngine.DEFAULT_GAP_TIMEOUT;
    int maxGapOffset = SequencedMongoEventStorageEngine.DEFAULT_MAX_GAP_OFFSET;
    Clock clock = Clock.systemUTC();
    boolean ensureIndexes = true;
    UnaryOperator<GlobalIndexReservation> reservationDecorator = UnaryOperator.identity();
    Runnable beforeTombstoning = () -> { };

    protected SequencedMongoEventStorageEngineBuilder() {
        persistenceExceptionResolver(
                new AggregateSequenceConflictResolver(SequencedMongoEventStorageEngine.AGGREGATE_SEQUENCE_INDEX));
    }

    public SequencedMongoEventStorageEngineBuilder database(MongoDatabase database) {
        assertNonNull(database, "MongoDatabase may not be null");
        this.database = database;
        return this;
    }

    public SequencedMongoEventStorageEngineBuilder eventsCollection(String name) {
        this.eventsCollection = name;
        return this;
    }

    public SequencedMongoEventStorageEngineBuilder snapshotsCollection(String name) {
        this.snapshotsCollection = name;
        return this;
    }

    public SequencedMongoEventStorageEngineBuilder sequencesCollection(String name) {
        this.sequencesCollection = name;
        return this;
    }

    /** How long after its reservation an index may still be written before tracking gives up on it. */
    public SequencedMongoEventStorageEngineBuilder gapTimeout(Duration gapTimeout) {
        assertNonNull(gapTimeout, "gapTimeout may not be null");
        this.gapTimeout = gapTimeout;
        return this;
    }

    /** How far below the token's index a gap is still waited for. */
    public SequencedMongoEventStorageEngineBuilder maxGapOffset(int maxGapOffset) {
        assertStrictPositive(maxGapOffset, "maxGapOffset must be positive");
        this.maxGapOffset = maxGapOffset;
        return this;
    }

    /** The clock that stamps {@code appendedAt} and ages gaps; tests move it forward. */
    public SequencedMongoEventStorageEngineBuilder clock(Clock clock) {
        assertNonNull(clock, "clock may not be null");
        this.clock = clock;
        return this;
    }

    public SequencedMongoEventStorageEngineBuilder ensureIndexes(boolean ensureIndexes) {
        this.ensureIndexes = ensureIndexes;
        return this;
    }

    /** Test seam: wraps the index reservation, e.g. to hold a writer between reservation and insert. */
    SequencedMongoEventStorageEngineBuilder reservationDecorator(UnaryOperator<GlobalIndexReservation> decorator) {
        this.reservationDecorator = decorator;
        return this;
    }

    /** Test seam: runs just before a tracker inserts tombstones, e.g. to let a held writer insert first. */
    SequencedMongoEventStorageEngineBuilder beforeTombstoning(Runnable hook) {
        this.beforeTombstoning = hook;
        return this;
    }

    @Override
    public SequencedMongoEventStorageEngineBuilder snapshotSerializer(Serializer snapshotSerializer) {
        super.snapshotSerializer(snapshotSerializer);
        return this;
    }

    @Override
    public SequencedMongoEventStorageEngineBuilder upcasterChain(EventUpcaster upcasterChain) {
        super.upcasterChain(upcasterChain);
        return this;
    }

    @Override
    public SequencedMongoEventStorageEngineBuilder persistenceExceptionResolver(PersistenceExceptionResolver resolver) {
        super.persistenceExceptionResolver(resolver);
        return this;
    }

    @Override
    public SequencedMongoEventStorageEngineBuilder eventSerializer(Serializer eventSerializer) {
        super.eventSerializer(eventSerializer);
        return this;
    }

    @Override
    public SequencedMongoEventStorageEngineBuilder snapshotFilter(SnapshotFilter snapshotFilter) {
        super.snapshotFilter(snapshotFilter);
        return this;
    }

    @Override
    public SequencedMongoEventStorageEngineBuilder finalAggregateBatchPredicate(
            Predicate<List<? extends DomainEventData<?>>> finalAggregateBatchPredicate) {
        super.finalAggregateBatchPredicate(finalAggregateBatchPredicate);
        return this;
    }

    @Override
    public SequencedMongoEventStorageEngineBuilder batchSize(int batchSize) {
        super.batchSize(batchSize);
        return this;
    }

    @Override
    protected void validate() throws AxonConfigurationException {
        super.validate();
        assertNonNull(database, "The MongoDatabase is a hard requirement and should be provided");
    }

    public SequencedMongoEventStorageEngine build() {
        validate();
        return new SequencedMongoEventStorageEngine(this);
    }
}
