package cn.shuangcheng.reporting.agenda.domain;

/**
 * The values the three-lists item list accepts as filters: reporting-service's copy of what the contract publishes
 * (the list enum of AgendaItemCreated's schema, and the lifecycle docs/api-guide.md names), so that a misspelt filter
 * is a 400 naming the value rather than an empty page. FilterValuesMatchTheContractTest keeps the list in step.
 */
public final class AgendaFilterValues {

    private AgendaFilterValues() {
    }

    /** POLICY_NEED 政策需求, AGREED_MATTER 议定事项, WORK_RESULT 工作成果. */
    public enum AgendaList {
        POLICY_NEED, AGREED_MATTER, WORK_RESULT
    }

    /** OPEN → IN_PROGRESS → DELIVERED → VERIFIED, or DROPPED. */
    public enum AgendaStatus {
        OPEN, IN_PROGRESS, DELIVERED, VERIFIED, DROPPED
    }
}
