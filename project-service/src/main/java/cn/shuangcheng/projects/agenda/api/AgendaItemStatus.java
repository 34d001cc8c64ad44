package cn.shuangcheng.projects.agenda.api;

/** OPEN → IN_PROGRESS → DELIVERED → VERIFIED, or DROPPED before it is verified. */
public enum AgendaItemStatus {
    OPEN,
    IN_PROGRESS,
    DELIVERED,
    VERIFIED,
    DROPPED
}
