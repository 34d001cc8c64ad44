package cn.shuangcheng.servicesupport.deadletter;

/** Who is to blame for a failed event handler: the event itself, or something the handler depends on. */
public enum FailureKind {

    /**
     * The event cannot be read, converted or applied; retrying it unchanged fails again. It is parked, and the
     * later events of its aggregate wait behind it.
     */
    EVENT,

    /**
     * A dependency (Kafka, MongoDB) is unavailable or too slow. Retrying later succeeds, so the processor retries
     * the batch with backoff from its last token and parks nothing.
     */
    INFRASTRUCTURE
}
