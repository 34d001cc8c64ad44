package cn.shuangcheng.projects.it;

import cn.shuangcheng.support.testing.TestTokens;

/** The callers of project-service in these tests, each with the scopes its role has. */
final class Tokens {

    static final String INTAKE_SYSTEM = "intake-system-chengdu";
    static final String JOINT_OFFICE = "joint-office-clerk";
    static final String REPORT_READER = "reporting-dashboard";

    private Tokens() {
    }

    static String intakeSystem() {
        return TestTokens.token(INTAKE_SYSTEM, "projects:write", "intake:submit");
    }

    static String jointOffice() {
        return TestTokens.token(JOINT_OFFICE, "projects:write");
    }

    /** Can read reports, cannot write projects. */
    static String reportReader() {
        return TestTokens.token(REPORT_READER, "reports:read");
    }
}
