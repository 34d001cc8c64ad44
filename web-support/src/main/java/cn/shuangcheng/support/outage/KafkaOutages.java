package cn.shuangcheng.support.outage;

import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a Kafka cluster that cannot be reached or cannot answer in time (Kafka's own {@link RetriableException}s:
 * timeouts, no leader, not enough replicas, a disconnect) from a request Kafka refused for what it was (a record
 * too large, an authorisation failure, a serialisation error).
 */
public final class KafkaOutages {

    private KafkaOutages() {
    }

    /** Whether this exception, or any of its causes, says Kafka is unavailable. */
    public static boolean isOutage(Throwable exception) {
        return Causes.anyMatch(exception, t -> t instanceof RetriableException || t instanceof DisconnectException);
    }
}
