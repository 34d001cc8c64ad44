package cn.shuangcheng.reporting.ingest;

/** An infrastructure failure: the batch is not committed and is read again after a backoff. */
final class RetryLater extends RuntimeException {
    RetryLater(Throwable cause) {
        super(cause);
    }
}
