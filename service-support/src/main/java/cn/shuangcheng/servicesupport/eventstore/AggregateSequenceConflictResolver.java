package cn.shuangcheng.servicesupport.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises the optimistic-lock violation: a duplicate key on the unique {aggregateIdentifier, sequenceNumber}
 * index, i.e. another writer appended that aggregate sequence first. Axon's
 * {@code AbstractEventStorageEngine.handlePersistenceException} then throws {@code ConcurrencyException} (or
 * {@code AggregateStreamCreationException} when the conflict is on sequence 0), which the services answer with 409.
 * <p>
 * Other duplicate keys are deliberately not conflicts: a duplicate global index means the counter is broken, and
 * must surface as an {@code EventStoreException} instead of being retried or reported as a client's conflict.
 */
final class AggregateSequenceConflictResolver implements PersistenceExceptionResolver {

    private final String aggregateIndexName;

    AggregateSequenceConflictResolver(String aggregateIndexName) {
        this.aggregateIndexName = aggregateIndexName;
    }

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoBulkWriteException bulk) {
                return bulk.getWriteErrors().stream().anyMatch(this::isAggregateSequenceDuplicate);
            }
            if (cause instanceof MongoWriteException write) {
                return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                        && mentionsAggregateIndex(write.getError().getMessage());
            }
            if (cause instanceof MongoServerException server) {
                return ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY
                        && mentionsAggregateIndex(server.getMessage());
            }
        }
        return false;
    }

    private boolean isAggregateSequenceDuplicate(BulkWriteError error) {
        return error.getCategory() == ErrorCategory.DUPLICATE_KEY && mentionsAggregateIndex(error.getMessage());
    }

    // The server names the violated index in the E11000 message ("... index: <name> dup key: ...").
    private boolean mentionsAggregateIndex(String message) {
        return message != null && message.contains(aggregateIndexName);
    }
}
