package cn.shuangcheng.reporting.ingestion.kafka;

/** An infrastructure failure: the batch is not committed and is read again after a backoff. */
final class RetryLater extends RuntimeException {
    RetryLater(Throwable cause) {
        super(cause);
    }
}
