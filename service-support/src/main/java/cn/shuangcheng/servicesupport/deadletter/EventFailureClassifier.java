package cn.shuangcheng.servicesupport.deadletter;

import cn.shuangcheng.support.outage.Causes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.serialization.SerializationException;
import org.bson.BSONException;

import com.fasterxml.jackson.core.JacksonException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;


/**
 * Decides whether a failure of an event handler was caused by the event ({@link FailureKind#EVENT}: park it) or by
 * infrastructure ({@link FailureKind#INFRASTRUCTURE}: retry the batch).
 * <p>
 * The cause chain is walked from the outside in; the first throwable of a known kind decides. What is known to be
 * infrastructure: MongoDB errors other than data errors (network, timeouts, elections, write concern), Kafka's
 * retriable errors and timeouts, a publication that Kafka did not acknowledge in time, interrupts, a lost token
 * claim, I/O. What is known to be the event's: any {@link Error} (an {@link OutOfMemoryError} or
 * {@link StackOverflowError} raised while handling it), (de)serialisation and JSON errors, BSON errors, MongoDB's
 * refusal of a document (too large, invalid field names, wrong types), Kafka refusing the record itself (too large,
 * not serialisable).
 * <p>
 * Anything unknown counts as the event's: a programming or data error in a handler would otherwise stop the
 * processor for good, while a parked event is kept with its reason and can be retried once the cause is fixed.
 * Only infrastructure must never be parked, because it would park every event of the outage.
 */
public final class EventFailureClassifier {

    /**
     * Server error codes of MongoDB that reject the document sent, not the server's state: BadValue (2),
     * FailedToParse (9), TypeMismatch (14), InvalidLength (16), InvalidBSON (22), DollarPrefixedFieldName (52),
     * InvalidIdField (53), DottedFieldName (54), EmptyFieldName (56), ImmutableField (66), BSONObjectTooLarge
     * (10334), update-operator field errors (16837, 17419), document too large after update (17420).
     */
    private static final Set<Integer> MONGO_DATA_ERRORS = Set.of(2, 9, 14, 16, 22, 52, 53, 54, 56, 66, 10334, 16837,
            17419, 17420);

    private EventFailureClassifier() {
    }

    public static FailureKind classify(Throwable failure) {
        for (Throwable current : Causes.chain(failure)) {
            FailureKind kind = kindOf(current);
            if (kind != null) {
                return kind;
            }
        }
        return FailureKind.EVENT;
    }

    /** The kind this throwable alone decides, or null to look at its cause. */
    private static FailureKind kindOf(Throwable failure) {
        if (failure instanceof EventHandlingError || failure instanceof Error) {
            return FailureKind.EVENT;
        }
        if (failure instanceof ClassifiedFailure classified) {
            return classified.failureKind(); // the publication's: a record Kafka refuses, a batch it did not ack
        }
        if (failure instanceof InterruptedException
                || failure instanceof TimeoutException || failure instanceof CancellationException
                || failure instanceof UnableToClaimTokenException) {
            return FailureKind.INFRASTRUCTURE;
        }
        if (failure instanceof SerializationException || failure instanceof JacksonException
                || failure instanceof BSONException) {
            return FailureKind.EVENT;
        }
        if (failure instanceof MongoException mongo) {
            return isDataError(mongo) ? FailureKind.EVENT : FailureKind.INFRASTRUCTURE;
        }
        if (isKafkaInfrastructure(failure)) {
            return FailureKind.INFRASTRUCTURE;
        }
        if (failure instanceof ExecutionException || failure instanceof CompletionException
                || failure instanceof UncheckedIOException) {
            return null; // wrappers: the cause decides
        }
        if (failure instanceof IOException) {
            return FailureKind.INFRASTRUCTURE;
        }
        return null;
    }

    private static boolean isDataError(MongoException mongo) {
        if (mongo instanceof MongoWriteException write) {
            return MONGO_DATA_ERRORS.contains(write.getError().getCode());
        }
        if (mongo instanceof MongoCommandException command) {
            return MONGO_DATA_ERRORS.contains(command.getErrorCode());
        }
        return mongo.getCause() instanceof BSONException;
    }

    /** Kafka's retriable errors and its client timeouts; its other API errors are the record's own. */
    private static boolean isKafkaInfrastructure(Throwable failure) {
        return failure instanceof org.apache.kafka.common.errors.RetriableException
                || failure instanceof org.apache.kafka.common.errors.TimeoutException
                || failure instanceof org.apache.kafka.common.errors.InterruptException
                || failure instanceof org.apache.kafka.common.errors.AuthenticationException
                || failure instanceof org.apache.kafka.common.errors.AuthorizationException
                || failure instanceof org.apache.kafka.common.KafkaException kafka
                && !(kafka instanceof org.apache.kafka.common.errors.ApiException)
                && !(kafka instanceof org.apache.kafka.common.errors.SerializationException);
    }
}
