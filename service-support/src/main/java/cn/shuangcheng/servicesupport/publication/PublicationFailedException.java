package cn.shuangcheng.servicesupport.publication;

/**
 * Kafka did not acknowledge every event of a batch. Thrown from the publishing handler so that the batch rolls back
 * and the tracking processor retries it from its last token.
 */
public final class PublicationFailedException extends RuntimeException {

    public PublicationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
