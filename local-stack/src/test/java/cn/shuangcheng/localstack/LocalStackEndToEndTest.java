package cn.shuangcheng.localstack;

import cn.shuangcheng.localstack.auth.DemoClients;
import cn.shuangcheng.localstack.demo.LoadReport;
import cn.shuangcheng.localstack.http.Api;
import cn.shuangcheng.localstack.report.PortfolioStatement;
import cn.shuangcheng.localstack.services.ServiceProcess;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local stack end to end, started the way the README's command starts it (the same {@link Stack}, options
 * parsed the same way; free ports, a temporary data directory and the service jars this build packaged): it loads
 * the demo data through the APIs, reporting-service's answers match figures computed here from the demo file, a
 * second load changes nothing, a restart keeps the data, and with {@code --restart-on-failure} a killed service comes
 * back by itself. It runs with {@code --kafka-sasl}: every Kafka client of the services logs in with its own SCRAM
 * user under the deployed ACLs (and the restart draws new passwords), which the plain broker would not show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndTest {

    private static final int YEAR = 2023;
    /** A fixed day for the agenda report's "overdue", so the expectation does not move with the calendar. */
    private static final LocalDate AGENDA_DAY = LocalDate.of(2024, 1, 1);

    private static Path dataDir;
    private static StackOptions options;
    private static DemoFigures demo;
    private static Stack stack;
    private static LoadReport firstLoad;
    private static final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeAll
    static void startTheStackAndLoadTheDemoData() throws Exception {
        Path repository = repositoryRoot();
        dataDir = Files.createTempDirectory("shuangcheng-local-stack-");
        options = StackOptions.parse(new String[] {"--fresh", "--restart-on-failure", "--kafka-sasl",
                "--data-dir=" + dataDir,
                "--kafka-port=0", "--kafka-controller-port=0", "--mongo-port=0", "--auth-port=0",
                "--project-port=0", "--project-management-port=0", "--cadre-port=0", "--cadre-management-port=0",
                "--reporting-port=0", "--reporting-management-port=0"}, Map.of(), repository);
        assertThat(options.demoData()).as("the demo data in the repository").isRegularFile();
        demo = DemoFigures.of(options.demoData());
        stack = startStack(DataDirectory.prepare(options.dataDir(), options.fresh()));
        firstLoad = stack.loadDemoData();
        stack.awaitReporting();
    }

    @AfterAll
    static void stopTheStack() throws IOException {
        if (stack != null) {
            stack.close();
        }
        System.out.print(console.toString(StandardCharsets.UTF_8));
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void the_first_start_loads_every_record_of_the_demo_data_through_the_apis() {
        assertThat(firstLoad.failures()).isEmpty();
        assertThat(firstLoad.projects().changedCount()).isEqualTo(demo.intakeRows());
        assertThat(firstLoad.batches().changedCount()).isEqualTo(demo.batches());
        assertThat(firstLoad.secondments().changedCount()).isEqualTo(demo.secondments());
        assertThat(firstLoad.agendaItems().changedCount()).isEqualTo(demo.agendaItems());
        assertThat(stack.services()).allMatch(s -> s.isAlive());
    }

    @Test
    @Order(2)
    void the_portfolio_statement_matches_the_figures_computed_from_the_demo_file() {
        DemoFigures.Portfolio expected = demo.portfolio(YEAR);
        JsonNode portfolio = stack.portfolio(YEAR);
        JsonNode total = portfolio.path("total");

        assertThat(portfolio.path("asOf").asString()).isEqualTo(YEAR + "-12");
        assertThat(total.path("projects").asLong()).isEqualTo(expected.projects());
        assertThat(total.path("started").asLong()).isEqualTo(expected.started());
        assertThat(total.path("allStarted").asBoolean()).isEqualTo(expected.allStarted());
        assertThat(total.path("completed").asLong()).isEqualTo(expected.completed());
        assertThat(total.path("atOrOverPlan").asLong()).isEqualTo(expected.atOrOverPlan());
        assertThat(total.path("totalInvestmentYuan").asLong()).isEqualTo(expected.totalInvestmentYuan());
        assertThat(total.path("annualPlanYuan").asLong()).isEqualTo(expected.annualPlanYuan());
        assertThat(total.path("completedInYearYuan").asLong()).isEqualTo(expected.completedInYearYuan());
        assertThat(total.path("completionRate").decimalValue()).isEqualTo(expected.completionRate());
        assertThat(total.path("pointsOverTarget").decimalValue()).isEqualTo(expected.pointsOverTarget());
        assertThat(total.path("cumulativeInvestedYuan").asLong()).isEqualTo(expected.cumulativeInvestedYuan());
        assertThat(total.path("completedInYearYi").asString())
                .isEqualTo(new BigDecimal(expected.completedInYearYuan()).movePointLeft(8)
                        .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());

        Map<String, long[]> bySector = demo.projectsAndInYearBySector(YEAR);
        Map<String, List<Long>> reported = new LinkedHashMap<>();
        portfolio.path("bySector").forEach(f -> reported.put(f.path("key").asString(),
                List.of(f.path("projects").asLong(), f.path("completedInYearYuan").asLong())));
        assertThat(reported).hasSize(bySector.size());
        bySector.forEach((sector, figures) ->
                assertThat(reported.get(sector)).as(sector).containsExactly(figures[0], figures[1]));

        // the joint office's sentence for a whole year, as the service writes it: 亿元 and percent to one decimal,
        // HALF_UP, a trailing ".0" dropped (the office writes "84%")
        String statement = stack.statement(YEAR);
        BigDecimal yi = BigDecimal.valueOf(expected.completedInYearYuan()).movePointLeft(8);
        BigDecimal share = BigDecimal.valueOf(expected.completedInYearYuan()).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(expected.annualPlanYuan()), 10, java.math.RoundingMode.HALF_UP);
        assertThat(statement).isEqualTo("全年完成投资" + oneDecimal(yi) + "亿元，完成年度计划的" + oneDecimal(share) + "%");
        assertThat(PortfolioStatement.of(statement, portfolio)).startsWith(YEAR + "年" + statement);
    }

    private static String oneDecimal(BigDecimal value) {
        String text = value.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    @Test
    @Order(3)
    void the_cadre_exchange_report_counts_every_demo_secondment_per_batch_and_direction() {
        JsonNode report = reader().get("/api/v1/reports/cadre-exchange").body();
        List<DemoFigures.ExchangeRow> rows = new ArrayList<>();
        for (JsonNode row : report) {
            assertThat(row.path("onPost").asLong() + row.path("completed").asLong() + row.path("endedEarly").asLong()
                    + row.path("contributions").asLong()).as("registrations only").isZero();
            rows.add(new DemoFigures.ExchangeRow(row.path("batchNumber").asInt(), row.path("direction").asString(),
                    row.path("dispatched").asLong()));
        }
        assertThat(rows).containsExactlyElementsOf(demo.cadreExchange());
    }

    @Test
    @Order(4)
    void the_agenda_report_counts_the_demo_items_per_list_and_state() {
        JsonNode report = reader().get("/api/v1/reports/agenda?asOf=" + AGENDA_DAY).body();
        List<DemoFigures.AgendaList> lists = new ArrayList<>();
        for (JsonNode list : report.path("lists")) {
            lists.add(new DemoFigures.AgendaList(list.path("list").asString(), list.path("open").asLong(),
                    list.path("inProgress").asLong(), list.path("delivered").asLong(), list.path("verified").asLong(),
                    list.path("dropped").asLong(), list.path("overdue").asLong()));
        }
        assertThat(lists).containsExactlyElementsOf(demo.agenda(AGENDA_DAY));
    }

    @Test
    @Order(5)
    void loading_the_same_data_again_changes_nothing() throws Exception {
        State before = state();

        LoadReport again = stack.loadDemoData();
        stack.awaitReporting();

        assertThat(again.failures()).isEmpty();
        assertThat(again.changedNothing()).as(again.parts().toString()).isTrue();
        assertThat(again.projects().unchangedCount()).as("every intake row UNCHANGED").isEqualTo(demo.intakeRows());
        assertThat(again.secondments().unchangedCount()).isEqualTo(demo.secondments());
        assertThat(again.agendaItems().unchangedCount()).isEqualTo(demo.agendaItems());
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void a_restart_keeps_the_data_and_loads_nothing_twice() throws Exception {
        State before = state();
        stack.close();

        stack = startStack(DataDirectory.prepare(options.dataDir(), false));
        stack.awaitReporting();
        assertThat(state()).as("after the restart, before loading").isEqualTo(before);

        LoadReport afterRestart = stack.loadDemoData();
        stack.awaitReporting();
        assertThat(afterRestart.failures()).isEmpty();
        assertThat(afterRestart.changedNothing()).as(afterRestart.parts().toString()).isTrue();
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void with_restart_on_failure_a_killed_service_is_started_again_and_answers_as_before() {
        String portfolio = stack.portfolio(YEAR).toString();
        ServiceProcess killed = stack.services().stream()
                .filter(s -> s.spec().name().equals(Stack.REPORTING_SERVICE)).findFirst().orElseThrow();

        ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofMinutes(3)).until(() -> console.toString(StandardCharsets.UTF_8)
                .contains(Stack.REPORTING_SERVICE + " is ready again"));
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("!! " + Stack.REPORTING_SERVICE + " has exited with code 137");
        assertThat(stack.services()).hasSize(3).allMatch(ServiceProcess::isAlive)
                .noneMatch(s -> s.pid() == killed.pid());
        assertThat(stack.portfolio(YEAR).toString()).isEqualTo(portfolio);
    }

    /**
     * Everything a reload must leave as it is: the events each write service stored, the records on each topic,
     * and reporting-service's answers (the projects list carries each project's last applied sequence).
     */
    record State(long projectEvents, long cadreEvents, String portfolio, String exchange, String agenda,
                 String projects) {
    }

    /** Events only, not the tombstones trackers leave in global indexes they gave up. */
    private static long storedEvents(MongoClient mongo, String database) {
        return mongo.getDatabase(database).getCollection("domainevents")
                .countDocuments(new org.bson.Document("tombstone", new org.bson.Document("$exists", false)));
    }

    private static State state() {
        try (MongoClient mongo = MongoClients.create(stack.mongoConnectionString())) {
            Api reader = reader();
            return new State(
                    storedEvents(mongo, Stack.PROJECT_DATABASE),
                    storedEvents(mongo, Stack.CADRE_DATABASE),
                    stack.portfolio(YEAR).toString(),
                    reader.get("/api/v1/reports/cadre-exchange").raw(),
                    reader.get("/api/v1/reports/agenda?asOf=" + AGENDA_DAY).raw(),
                    reader.get("/api/v1/projects?size=500").raw());
        }
    }

    private static Api reader() {
        return stack.api(Stack.REPORTING_SERVICE, DemoClients.READER);
    }

    private static Stack startStack(DataDirectory data) throws Exception {
        Stack started = new Stack(options, data, new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            started.start();
        } catch (Exception | AssertionError e) {
            started.close();
            System.out.print(console.toString(StandardCharsets.UTF_8));
            throw e;
        }
        return started;
    }

    private static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        return Files.isRegularFile(module.resolve("local-stack/pom.xml")) ? module : module.getParent();
    }
}
