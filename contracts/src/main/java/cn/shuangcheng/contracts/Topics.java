package cn.shuangcheng.contracts;

/**
 * Kafka topic names of the published contract (asyncapi/shuangcheng-events.yaml). Versioned: a breaking change gets a
 * new topic.
 */
public final class Topics {

    public static final String PROJECT_EVENTS = "shuangcheng.project.events.v1";
    public static final String CADRE_EVENTS = "shuangcheng.cadre.events.v1";
    /** Intake systems submit one intake item per record (key: its externalRef); schemas/intake/IntakeItem.v1.json. */
    public static final String INTAKE_SUBMISSIONS = "shuangcheng.intake.submissions.v1";
    /** project-service publishes the rejected submissions with their errors; schemas/intake/IntakeRejection.v1.json. */
    public static final String INTAKE_REJECTIONS = "shuangcheng.intake.rejections.v1";
    /** reporting-service parks the event records it cannot apply: the original record plus dlq.* headers. */
    public static final String REPORTING_DEAD_LETTERS = "shuangcheng.reporting.dlq.v1";

    /**
     * The largest record, decompressed, that the topics above take: each is created with
     * {@code max.decompressed.message.bytes} at this value (dead letters at {@link #MAX_DEAD_LETTER_BYTES}). The
     * broker then refuses a record that a small compressed batch would inflate past it (a decompression bomb: a few
     * kB of zstd can hold a gigabyte) before any consumer allocates it whole; a consumer has no bound of its own, and
     * one such record would fail its service with OutOfMemoryError at every restart. The largest record the contract
     * allows is far smaller: a contribution with 100 projects and 100 indicators is about 150 kB.
     */
    public static final int MAX_RECORD_BYTES = 1 << 20;
    /** A dead letter is the original record (at most {@link #MAX_RECORD_BYTES}) with its {@code dlq.*} headers. */
    public static final int MAX_DEAD_LETTER_BYTES = 2 * MAX_RECORD_BYTES;

    private Topics() {
    }
}
