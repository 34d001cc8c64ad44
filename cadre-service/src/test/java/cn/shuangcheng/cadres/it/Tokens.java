package cn.shuangcheng.cadres.it;

import cn.shuangcheng.support.testing.TestTokens;

/** The callers of cadre-service in these tests, each with the scopes its role has. */
final class Tokens {

    static final String ORGANISATION_DEPARTMENT = "organisation-department-clerk";

    private Tokens() {
    }

    /** Writes secondments; sees names masked. */
    static String clerk() {
        return TestTokens.token(ORGANISATION_DEPARTMENT, "cadres:write");
    }

    /** A dashboard: reads, masked. */
    static String reportReader() {
        return TestTokens.token("reporting-dashboard", "reports:read");
    }

    /** The joint office's personnel officer: may see names. */
    static String personnelOfficer() {
        return TestTokens.token("joint-office-personnel", "cadres:pii");
    }

    static String projectsOnly() {
        return TestTokens.token("project-clerk", "projects:write");
    }
}
