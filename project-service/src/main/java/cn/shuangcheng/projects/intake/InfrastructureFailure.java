package cn.shuangcheng.projects.intake;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Tells a failure of the infrastructure (MongoDB or Kafka unreachable, slow or failing over; a concurrent writer
 * of the same project) from a failure caused by the input. The first is retried later with the same input and
 * will pass once the dependency is back; the second would fail the same way every time, so it is the row's (or
 * the record's) rejection. Axon and the event store wrap the drivers' exceptions, so the whole cause chain counts.
 */
final class InfrastructureFailure {

    private InfrastructureFailure() {
    }

    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isTransient(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransient(Throwable t) {
        return t instanceof MongoSocketException || t instanceof MongoTimeoutException
                || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                || t instanceof MongoExecutionTimeoutException || t instanceof MongoInterruptedException
                || t instanceof MongoConnectionPoolClearedException
                || (t instanceof MongoException mongo && mongo.hasErrorLabel("RetryableWriteError"))
                || t instanceof RetriableException
                || t instanceof ConcurrencyException;
    }
}
