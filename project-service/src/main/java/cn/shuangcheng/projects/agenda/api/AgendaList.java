package cn.shuangcheng.projects.agenda.api;

/** The joint office's closed-loop three lists (三张清单). */
public enum AgendaList {
    /** 政策需求 */ POLICY_NEED,
    /** 议定事项 */ AGREED_MATTER,
    /** 工作成果 */ WORK_RESULT
}
