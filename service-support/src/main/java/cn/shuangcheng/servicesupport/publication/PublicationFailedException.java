package cn.shuangcheng.servicesupport.publication;

import cn.shuangcheng.servicesupport.deadletter.ClassifiedFailure;
import cn.shuangcheng.servicesupport.deadletter.FailureKind;

/**
 * Kafka did not acknowledge every event of a batch. Thrown from the publishing handler so that the batch rolls back
 * and the tracking processor retries it from its last token.
 */
public final class PublicationFailedException extends RuntimeException implements ClassifiedFailure {

    public PublicationFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Retried: Kafka did not answer in time, which says nothing about the events. */
    @Override
    public FailureKind failureKind() {
        return FailureKind.INFRASTRUCTURE;
    }
}
