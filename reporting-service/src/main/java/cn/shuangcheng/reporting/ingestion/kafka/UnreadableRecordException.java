package cn.shuangcheng.reporting.ingestion.kafka;

import java.util.Locale;

/**
 * A record that is not a readable event of the contract; its message is the dead-letter reason, its {@link Kind}
 * the {@code reason} tag of {@code shuangcheng.reporting.dlq.records} (a handful of values, not the message).
 */
public class UnreadableRecordException extends Exception {

    /** What is wrong with the record, coarsely. */
    public enum Kind {
        NOT_A_CLOUDEVENT, UNKNOWN_TYPE, WRONG_TOPIC, NO_SUBJECT,
        /** the record's key is not its subject: an aggregate's events would not share a partition, nor their order */
        KEY_MISMATCH,
        NO_SEQUENCE, NO_DATA, SCHEMA_VIOLATION, PAYLOAD_MISMATCH,
        /** an amount outside the API's bounds (every {@code …Yuan} an integer from 0 to 10^14) */
        OUT_OF_BOUNDS,
        /** fits the event but cannot become a stored document (e.g. {@code {"$date":"nope"}}, nesting too deep) */
        UNCONVERTIBLE,
        /** read, but applying it to the read models failed because of its data (e.g. a document over 16 MB) */
        APPLY_FAILED,
        /** another event (another id) is stored at its aggregate and sequence; the stored one stays */
        CONFLICTING;

        /** As a metric tag: {@code unknown-type}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Kind kind;

    public UnreadableRecordException(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
