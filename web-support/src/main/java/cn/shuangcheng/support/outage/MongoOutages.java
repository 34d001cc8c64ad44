package cn.shuangcheng.support.outage;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * Tells a MongoDB that cannot be reached (or cannot answer in time) from a MongoDB that refused what it was sent:
 * the first is retried later and answered 503, the second is a fault of the input or of the code. A socket error,
 * a server-selection or operation timeout, a primary that stepped down and a node that is recovering are outages;
 * a duplicate key, a document over 16 MB or a bad query are not.
 */
public final class MongoOutages {

    private MongoOutages() {
    }

    /** Whether this exception, or any of its causes, says MongoDB is unavailable. */
    public static boolean isOutage(Throwable exception) {
        return Causes.anyMatch(exception, MongoOutages::isOutageItself);
    }

    private static boolean isOutageItself(Throwable t) {
        return t instanceof MongoSocketException
                || t instanceof MongoTimeoutException
                || t instanceof MongoOperationTimeoutException
                || t instanceof MongoExecutionTimeoutException
                || t instanceof MongoNotPrimaryException
                || t instanceof MongoNodeIsRecoveringException
                || t instanceof MongoServerUnavailableException
                || t instanceof MongoConnectionPoolClearedException
                || t instanceof MongoInterruptedException;
    }
}
