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

    private Topics() {
    }
}
