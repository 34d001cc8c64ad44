package cn.shuangcheng.projects.cooperation.api;

/** PROPOSED → APPROVED → STARTED → COMPLETED; SUSPENDED and back; CANCELLED ends it. */
public enum ProjectStatus {
    PROPOSED,
    APPROVED,
    STARTED,
    SUSPENDED,
    COMPLETED,
    CANCELLED
}
