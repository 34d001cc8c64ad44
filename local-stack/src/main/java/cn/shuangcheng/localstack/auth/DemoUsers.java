package cn.shuangcheng.localstack.auth;

import java.util.List;

/**
 * The people who sign in to the dashboard through the development authorization server's login form (authorization
 * code with PKCE, {@link #DASHBOARD_CLIENT_ID}). Fixed development passwords that the launcher prints, like the demo
 * clients' secrets. The joint office reads reports only: it has no {@code cadres:pii}, so cadre names stay masked.
 */
public final class DemoUsers {

    /** One user of the login form; the token's scopes are the dashboard client's, limited to these. */
    public record DemoUser(String username, String password, List<String> scopes, String purpose) {
    }

    /** The dashboard's public client (no secret: a browser cannot keep one; PKCE binds the code to the page). */
    public static final String DASHBOARD_CLIENT_ID = "dashboard";

    /** The scopes the dashboard asks for. */
    public static final List<String> DASHBOARD_SCOPES = List.of("reports:read");

    public static final DemoUser JOINT_OFFICE = new DemoUser("joint-office", "joint-office-dev-password",
            List.of("reports:read"), "the joint office's staff: reads the dashboard, sees no cadre names");

    public static final List<DemoUser> ALL = List.of(JOINT_OFFICE);

    /** reporting-service's dashboard page (static, reporting-service's src/main/resources/static/dashboard). */
    public static final String DASHBOARD_PAGE = "/dashboard/index.html";

    /** The dashboard's address on reporting-service; also the sign-in's redirect URI. */
    public static String dashboardUrl(String reportingBaseUrl) {
        return reportingBaseUrl + DASHBOARD_PAGE;
    }

    /** What the launcher prints about the dashboard: where it is and who signs in. */
    public static String dashboardLine(String reportingBaseUrl) {
        return String.format("Dashboard: %s   sign in as %s, password %s (development password; scopes %s)%n",
                dashboardUrl(reportingBaseUrl), JOINT_OFFICE.username(), JOINT_OFFICE.password(), String.join(" ", JOINT_OFFICE.scopes()));
    }

    private DemoUsers() {
    }
}
