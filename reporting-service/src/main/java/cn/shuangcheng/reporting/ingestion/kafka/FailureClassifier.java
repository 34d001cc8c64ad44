package cn.shuangcheng.reporting.ingestion.kafka;

import cn.shuangcheng.support.outage.Causes;

import org.apache.kafka.common.KafkaException;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;

import cn.shuangcheng.support.outage.MongoOutages;

/**
 * Tells a failure of the infrastructure (MongoDB or Kafka unavailable, slow, electing a primary: retry the same
 * records later, never dead-letter them) from a failure caused by the data of a record (it cannot be parsed,
 * converted, encoded or written: park that record and go on), and from a fatal one (an {@link Error} other than a
 * stack overflow: the worker dies and its supervisor restarts it).
 *
 * <p>When in doubt a Mongo or Kafka failure counts as infrastructure: retrying a bad record only stalls the stream
 * (visible in the lag and the retry counter), while parking good records during an outage would lose them from the
 * read models. The consumer also has MongoDB take a small write before it parks a record (see {@link ReadModelConsumer}).
 */
public final class FailureClassifier {

    /** What to do about a failure. */
    public enum Cause {
        /** A dependency is unavailable: retry the same records with backoff, commit nothing. */
        INFRASTRUCTURE,
        /** The record's data: park it on the dead-letter topic and go on with the next. */
        DATA,
        /** A JVM error or a bug outside any one record: let the worker die; its supervisor restarts it. */
        FATAL
    }

    private static final int DUPLICATE_KEY = 11000;

    private FailureClassifier() {
    }

    public static Cause classify(Throwable failure) {
        if (Causes.anyMatch(failure, FailureClassifier::isInfrastructure)) {
            return Cause.INFRASTRUCTURE;
        }
        if (failure instanceof StackOverflowError) {
            // the stack unwinds to our catch intact; a record whose nesting or fold overflows it does so every time
            return Cause.DATA;
        }
        return failure instanceof Error ? Cause.FATAL : Cause.DATA;
    }

    private static boolean isInfrastructure(Throwable t) {
        if (t instanceof KafkaException || MongoOutages.saysUnavailable(t)) {
            // Kafka: retriable errors, timeouts, a failed commit after a rebalance, a dead letter not acknowledged:
            // the records stay where they are and are read again
            return true;
        }
        if (t instanceof MongoBulkWriteException bulk) {
            // duplicate keys only: a race of two upserts, which the retry sees as stored. Any other write error is
            // the document's (too large, invalid field name, ...).
            return !bulk.getWriteErrors().isEmpty() && bulk.getWriteErrors().stream()
                    .allMatch(e -> isDuplicateKey(e) || MongoOutages.isUnavailableCode(e.getCode()));
        }
        if (t instanceof MongoWriteException write) {
            ErrorCategory category = write.getError().getCategory();
            return category == ErrorCategory.DUPLICATE_KEY || category == ErrorCategory.EXECUTION_TIMEOUT;
        }
        return false;
    }

    private static boolean isDuplicateKey(BulkWriteError error) {
        return error.getCode() == DUPLICATE_KEY;
    }
}
