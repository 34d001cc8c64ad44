package cn.shuangcheng.reporting.ingest;

import java.util.Locale;

/**
 * A record that is not a readable event of the contract; its message is the dead-letter reason, its {@link Kind}
 * the {@code reason} tag of {@code shuangcheng.reporting.dlq.records} (a handful of values, not the message).
 */
public class UnreadableRecordException extends Exception {

    /** What is wrong with the record, coarsely. */
    public enum Kind {
        NOT_A_CLOUDEVENT, UNKNOWN_TYPE, WRONG_TOPIC, NO_SUBJECT, NO_SEQUENCE, NO_DATA, SCHEMA_VIOLATION, PAYLOAD_MISMATCH;

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
