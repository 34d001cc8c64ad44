package cn.shuangcheng.servicesupport.publication;

import cn.shuangcheng.servicesupport.deadletter.ClassifiedFailure;
import cn.shuangcheng.servicesupport.deadletter.FailureKind;

/**
 * Kafka refused one event's record at once, for a reason of the record itself (larger than the producer's
 * {@code max.request.size}, not serialisable): sending it again would fail the same way, so the event is parked
 * instead of failing the batch for ever.
 */
public final class EventRefusedByKafkaException extends RuntimeException implements ClassifiedFailure {

    public EventRefusedByKafkaException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public FailureKind failureKind() {
        return FailureKind.EVENT;
    }
}
