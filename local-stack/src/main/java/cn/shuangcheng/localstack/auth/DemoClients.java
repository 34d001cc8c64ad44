package cn.shuangcheng.localstack.auth;

import java.util.List;

/**
 * The clients the development authorization server knows, with fixed development secrets that the launcher prints:
 * an intake system, a reader, an admin with every scope, and the demo loader itself (so that the audit trail names
 * the loader as the cause of what it loaded).
 */
public final class DemoClients {

    /** One client of the client-credentials grant. */
    public record DemoClient(String clientId, String secret, List<String> scopes, String purpose) {

        public String scopeParameter() {
            return String.join(" ", scopes);
        }
    }

    public static final List<String> ALL_SCOPES = List.of("projects:write", "cadres:write", "intake:submit",
            "reports:read", "cadres:pii", "reports:admin", "deadletters:admin");

    public static final DemoClient INTAKE_SYSTEM = new DemoClient("intake-system", "intake-system-dev-secret",
            List.of("intake:submit"), "a joint-office intake system: submits intake batches");
    public static final DemoClient READER = new DemoClient("reader", "reader-dev-secret",
            List.of("reports:read"), "a dashboard: reads projects and reports, sees cadre names masked");
    public static final DemoClient ADMIN = new DemoClient("admin", "admin-dev-secret", ALL_SCOPES,
            "everything, names in clear and read-model rebuilds included");
    public static final DemoClient DEMO_LOADER = new DemoClient("demo-loader", "demo-loader-dev-secret",
            List.of("projects:write", "cadres:write", "intake:submit", "reports:read", "cadres:pii"),
            "the launcher's demo-data loader");

    /** The clients a user is told about. */
    public static final List<DemoClient> PRINTED = List.of(INTAKE_SYSTEM, READER, ADMIN);

    public static final List<DemoClient> ALL = List.of(INTAKE_SYSTEM, READER, ADMIN, DEMO_LOADER);

    private DemoClients() {
    }
}
