package cn.shuangcheng.support.outage;

import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;

/**
 * Tells a MongoDB that cannot be reached (or cannot answer in time) from a MongoDB that refused what it was sent:
 * the first is retried later and answered 503, the second is a fault of the input or of the code. A socket error,
 * a server-selection or operation timeout, a primary that stepped down, a node that is recovering, a write not
 * replicated in time and a failed authentication are outages; a duplicate key, a document over 16 MB or a bad query
 * are not.
 */
public final class MongoOutages {

    /**
     * Server error codes of an unavailable, stepping-down or overloaded server (MongoDB's error_codes.yml), and of an
     * operation the server gave up for its own state, not for what it was sent: a lock or write conflict (24, 46,
     * 112), a cursor or query plan killed by an index build, a drop or an operator (43, 175, 237), majority read
     * concern not available yet (134), temporarily unavailable or rate-limited (365, 462). The same operation
     * succeeds when tried again later.
     */
    private static final Set<Integer> UNAVAILABLE_CODES = Set.of(
            6, 7, 24, 43, 46, 50, 64, 89, 91, 112, 134, 175, 189, 237, 262, 365, 462, 9001, 10107, 11600, 11601,
            11602, 13435, 13436);
    private static final String RETRYABLE_WRITE_ERROR = "RetryableWriteError";

    private MongoOutages() {
    }

    /** Whether this exception, or any of its causes, says MongoDB is unavailable. */
    public static boolean isOutage(Throwable exception) {
        return Causes.anyMatch(exception, MongoOutages::saysUnavailable);
    }

    /** Whether this one exception (not its causes) says MongoDB is unavailable. */
    public static boolean saysUnavailable(Throwable t) {
        if (t instanceof MongoSocketException || t instanceof MongoTimeoutException
                || t instanceof MongoOperationTimeoutException || t instanceof MongoExecutionTimeoutException
                || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                || t instanceof MongoServerUnavailableException || t instanceof MongoConnectionPoolClearedException
                || t instanceof MongoInterruptedException || t instanceof MongoSecurityException
                || t instanceof MongoWriteConcernException) {
            return true;
        }
        if (t instanceof MongoException mongo && (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                || mongo.hasErrorLabel(RETRYABLE_WRITE_ERROR))) {
            return true;
        }
        if (t instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteConcernError() != null || (!bulk.getWriteErrors().isEmpty()
                    && bulk.getWriteErrors().stream().map(BulkWriteError::getCode).allMatch(MongoOutages::isUnavailableCode));
        }
        if (t instanceof MongoWriteException write) {
            return isUnavailableCode(write.getError().getCode());
        }
        return t instanceof MongoServerException server && isUnavailableCode(server.getCode());
    }

    /** Whether a server error code says the server is unavailable, stepping down or overloaded. */
    public static boolean isUnavailableCode(int code) {
        return UNAVAILABLE_CODES.contains(code);
    }
}
