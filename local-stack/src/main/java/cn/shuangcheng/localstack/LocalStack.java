package cn.shuangcheng.localstack;

import cn.shuangcheng.localstack.demo.LoadReport;
import cn.shuangcheng.localstack.report.PortfolioStatement;

import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-stack/target/local-stack-<version>.jar [--fresh] [--no-demo-data] [--option=value …]}, run
 * from the repository (local-stack/run.sh builds first and then does exactly this): starts the whole stack, loads the
 * demo data, prints where everything is and the 2023 portfolio statement, and runs until Ctrl-C, which stops
 * everything.
 */
public final class LocalStack {

    static final int STATEMENT_YEAR = 2023;

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StackOptions options;
        try {
            options = StackOptions.parse(args, System.getenv(), repositoryRoot());
        } catch (StackOptions.UsageException e) {
            if (e.getMessage() != null) {
                out.println(e.getMessage());
            }
            out.print(StackOptions.usage());
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        DataDirectory data = DataDirectory.prepare(options.dataDir(), options.fresh());
        // before the first logger exists: the launcher's own log (Kafka, the auth server) goes to the data directory
        System.setProperty("localstack.log-dir", data.logs().toString());
        // and it stays configured by logback.xml: the authorization server's Spring Boot must not reset it while
        // Kafka's threads are logging
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install(); // Tomcat logs through java.util.logging
        if (options.fresh()) {
            out.println("--fresh: starting from empty data in " + data.root());
        }

        Stack stack = new Stack(options, data, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the services, the authorization server, Kafka and MongoDB …");
            stack.close();
            out.println("Stopped.");
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start();
            if (options.loadDemoData()) {
                LoadReport report = stack.loadDemoData();
                if (!report.failures().isEmpty()) {
                    out.println("!! some demo data was not loaded (see above); the stack keeps running");
                }
            } else {
                out.println("--no-demo-data: the demo data is not loaded.");
            }
            stack.awaitReporting();
            out.println();
            out.print(stack.summary());
            out.println();
            out.println("The " + STATEMENT_YEAR + " portfolio statement, written by reporting-service "
                    + "(GET /api/v1/reports/portfolio/statement?year=" + STATEMENT_YEAR + ", then the portfolio):");
            out.println(PortfolioStatement.of(stack.statement(STATEMENT_YEAR), stack.portfolio(STATEMENT_YEAR)));
            out.println();
            out.println("Ctrl-C stops everything. The data stays in " + data.root() + " (--fresh starts from empty).");
        } catch (Exception e) {
            out.println("!! The local stack could not start: " + e.getMessage());
            out.println("   Logs: " + data.logs());
            System.exit(1);
        }
        stopped.await();
    }

    /** The repository the launcher runs from: the working directory or the nearest parent holding the services. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("project-service/pom.xml"))
                    && Files.isRegularFile(p.resolve("local-stack/pom.xml"))) {
                return p;
            }
        }
        return dir;
    }
}
