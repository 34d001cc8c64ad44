package cn.shuangcheng.localstack.dashboard;

import cn.shuangcheng.localstack.DataDirectory;
import cn.shuangcheng.localstack.Stack;
import cn.shuangcheng.localstack.StackOptions;
import cn.shuangcheng.localstack.auth.DemoClients;
import cn.shuangcheng.localstack.auth.DemoUsers;
import cn.shuangcheng.localstack.http.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The joint office's dashboard in a real browser (headless Chromium) over the whole local stack with the demo data:
 * the demo user signs in through the development issuer's login form (authorization code with PKCE), each page shows
 * the figures the API answers (asked here with the reader client), an export downloads the report endpoint's own CSV,
 * no cadre name appears for a user without {@code cadres:pii}, axe-core finds nothing serious or critical, and every
 * page is saved at 1366x768 and at a phone's size under target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final int YEAR = 2023;
    private static final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private static Path dataDir;
    private static Stack stack;
    private static Api reporting;
    private static Browser browser;
    private static String dashboard;
    private static List<String> cadreNames;
    private static final List<String> pageSources = new ArrayList<>();

    @BeforeAll
    static void startTheStackWithTheDemoDataAndABrowser() throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path repository = Files.isRegularFile(module.resolve("local-stack/pom.xml")) ? module : module.getParent();
        dataDir = Files.createTempDirectory("shuangcheng-dashboard-");
        StackOptions options = StackOptions.parse(new String[] {"--fresh", "--data-dir=" + dataDir,
                "--kafka-port=0", "--kafka-controller-port=0", "--mongo-port=0", "--auth-port=0",
                "--project-port=0", "--project-management-port=0", "--cadre-port=0", "--cadre-management-port=0",
                "--reporting-port=0", "--reporting-management-port=0"}, Map.of(), repository);
        stack = new Stack(options, DataDirectory.prepare(options.dataDir(), true),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        stack.start();
        assertThat(stack.loadDemoData().failures()).isEmpty();
        stack.awaitReporting();
        dashboard = DemoUsers.dashboardUrl(stack.baseUrl(Stack.REPORTING_SERVICE));
        reporting = stack.api(Stack.REPORTING_SERVICE, DemoClients.READER);
        JsonNode demo = reporting.json().readTree(Files.readString(options.demoData()));
        cadreNames = new ArrayList<>();
        demo.path("secondments").forEach(s -> cadreNames.add(s.path("cadre").path("name").asString()));
        Path target = module.resolve("target");
        browser = new Browser(target.resolve("screenshots"), target.resolve("downloads"));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
        System.out.print(console.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void the_demo_user_signs_in_through_the_issuers_login_form_and_lands_on_the_statement() throws Exception {
        assertThat(stack.summary()).as("what run.sh prints").contains("Dashboard: " + dashboard,
                DemoUsers.JOINT_OFFICE.username(), DemoUsers.JOINT_OFFICE.password());
        browser.driver().get(dashboard);
        browser.await(By.id("username")).sendKeys(DemoUsers.JOINT_OFFICE.username());
        browser.driver().findElement(By.id("password")).sendKeys(DemoUsers.JOINT_OFFICE.password());
        browser.screenshots("0-sign-in");
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();

        browser.awaitShown("statement");
        assertThat(browser.driver().getCurrentUrl()).as("the code is gone from the address")
                .startsWith(dashboard).doesNotContain("code=");
        assertThat(browser.text("#user-name")).contains(DemoUsers.JOINT_OFFICE.username());
        assertThat((Object) browser.driver().executeScript("return JSON.stringify(localStorage) + "
                + "JSON.stringify(sessionStorage)")).as("no token in storage").isEqualTo("{}{}");
    }

    @Test
    @Order(2)
    void the_statement_shows_the_apis_sentence_tiles_and_rows() throws Exception {
        JsonNode portfolio = reporting.get("/api/v1/reports/portfolio?year=" + YEAR).body();
        JsonNode total = portfolio.path("total");
        String sentence = reporting.get("/api/v1/reports/portfolio/statement?year=" + YEAR,
                Map.of("Accept", "text/plain")).raw().strip();

        assertThat(browser.text("#sentence")).isEqualTo(sentence);
        assertThat(browser.text("[data-figure=projects] strong")).isEqualTo(total.path("projects").asString());
        assertThat(browser.text("[data-figure=started] strong")).isEqualTo(total.path("started").asString());
        assertThat(browser.text("[data-figure=completed] strong")).isEqualTo(total.path("completed").asString());
        assertThat(browser.text("[data-figure=completionRate] strong")).isEqualTo(total.path("completionRate")
                .decimalValue().movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%");
        assertThat(browser.text("[data-figure=pointsOverTarget] strong"))
                .isEqualTo(total.path("pointsOverTarget").decimalValue().toPlainString());
        assertThat(browser.all("#by-sector tbody tr")).hasSize(portfolio.path("bySector").size());
        assertThat(browser.all("#by-platform tbody tr")).hasSize(portfolio.path("byPlatform").size());
        JsonNode firstSector = portfolio.path("bySector").get(0);
        List<WebElement> firstRow = browser.all("#by-sector tbody tr:first-child td");
        assertThat(firstRow.get(0).getText()).isEqualTo(firstSector.path("name").asString());
        assertThat(firstRow.get(1).getText()).isEqualTo(firstSector.path("projects").asString());
        assertThat(firstRow.get(5).getText()).isEqualTo(firstSector.path("completedInYearYi").asString());
        browser.await(By.cssSelector("#cumulative-chart svg"));
        checkThePage("1-statement");

        // the projects behind a figure are one click away: the sector's count opens the list filtered by it
        firstRow.get(1).findElement(By.tagName("a")).click();
        browser.awaitShown("projects");
        assertThat(browser.text("#project-count strong")).isEqualTo(firstSector.path("projects").asString());
        // and the started and completed tiles the projects started / completed by then, completed ones included
        for (String figure : List.of("started", "completed")) {
            browser.show("#/statement?year=" + YEAR + "&month=12", "statement");
            browser.driver().findElement(By.cssSelector("[data-figure=" + figure + "]")).click();
            browser.awaitShown("projects");
            assertThat(browser.text("#project-count strong")).as(figure).isEqualTo(total.path(figure).asString());
        }
    }

    @Test
    @Order(3)
    void the_export_downloads_the_report_endpoints_own_csv() throws Exception {
        browser.show("#/statement?year=" + YEAR + "&month=12", "statement");
        browser.driver().findElement(By.cssSelector(".exports button[data-format=csv]")).click();
        Path file = browser.awaitDownload(".csv");
        String api = reporting.get("/api/v1/reports/portfolio?year=" + YEAR + "&asOf=" + YEAR + "-12",
                Map.of("Accept", "text/csv")).raw();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(api);

        // the statement on A4 through the print stylesheet (Chromium's own print to PDF), kept besides the screenshots
        PrintOptions a4 = new PrintOptions();
        a4.setPageSize(new PageSize(29.7, 21.0));
        byte[] pdf = Base64.getDecoder().decode(browser.driver().print(a4).getContent());
        Files.write(browser.screenshotFile("1-statement-A4.pdf"), pdf);
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        long pages = text.split("/Type\\s*/Page[^s]", -1).length - 1;
        System.out.println("The 2023 statement prints on " + pages + " A4 page(s)");
        assertThat(text).startsWith("%PDF");
        assertThat(pages).as("A4 pages").isBetween(1L, 3L);
    }

    @Test
    @Order(4)
    void the_projects_list_and_a_project_page_show_what_the_api_answers() throws Exception {
        browser.show("#/projects?year=" + YEAR, "projects");
        JsonNode list = reporting.get("/api/v1/projects?year=" + YEAR + "&size=500").body();
        assertThat(browser.text("#project-count strong")).isEqualTo(list.path("total").asString());
        checkThePage("2-projects");

        JsonNode first = list.path("items").get(0);
        browser.driver().findElement(By.cssSelector("#projects tbody tr:first-child a")).click();
        browser.awaitShown("project");
        JsonNode timeline = reporting.get("/api/v1/projects/" + first.path("id").asString() + "/timeline?size=500")
                .body();
        assertThat(browser.text("#project-name")).isEqualTo(first.path("name").asString());
        assertThat(browser.text("#project-invested")).isEqualTo(first.path("investedToDateYi").asString());
        assertThat(browser.all("#timeline tbody tr")).hasSize(timeline.path("items").size());
        assertThat(browser.text("#timeline tbody tr:first-child td:nth-child(3)"))
                .isEqualTo(timeline.path("items").get(0).path("principal").asString());
        browser.await(By.cssSelector("#investment-chart svg"));
        checkThePage("3-project");
    }

    @Test
    @Order(5)
    void the_cadre_exchange_shows_the_reports_rows_and_no_names() throws Exception {
        browser.show("#/cadres", "cadres");
        JsonNode rows = reporting.get("/api/v1/reports/cadre-exchange").body();
        assertThat(browser.all("#cadre-exchange tbody tr")).hasSize(rows.size());
        assertThat(browser.text("#cadre-exchange tbody tr:first-child td:nth-child(3)"))
                .isEqualTo(rows.get(0).path("dispatched").asString());
        checkThePage("4-cadres");
    }

    @Test
    @Order(6)
    void the_three_lists_show_the_reports_figures_with_the_overdue_items_first() throws Exception {
        browser.show("#/agenda", "agenda");
        JsonNode report = reporting.get("/api/v1/reports/agenda").body();
        assertThat(browser.all("#agenda-figures tbody tr")).hasSize(report.path("lists").size());
        assertThat(browser.text("#agenda-figures tbody tr:first-child td:nth-child(7)"))
                .isEqualTo(report.path("lists").get(0).path("overdue").asString());
        List<Boolean> overdue = browser.all("#agenda-items tbody tr").stream()
                .map(row -> !row.findElements(By.cssSelector(".overdue")).isEmpty()).toList();
        assertThat(overdue).isNotEmpty();
        assertThat(overdue.indexOf(false) == -1 || overdue.lastIndexOf(true) < overdue.indexOf(false))
                .as("overdue items first: %s", overdue).isTrue();
        checkThePage("5-agenda");
    }

    @Test
    @Order(7)
    void markup_slipped_into_the_page_cannot_run_script() {
        // the page holds the token: behind esc(), its Content-Security-Policy refuses an injected event handler
        Object outcome = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                document.addEventListener('securitypolicyviolation',
                    event => done('refused by ' + event.effectiveDirective), {once: true});
                document.addEventListener('injected-handler-ran', () => done('ran'), {once: true});
                document.getElementById('page').insertAdjacentHTML('beforeend', '<img alt="" '
                    + 'src="/dashboard/no-such-image.png" '
                    + 'onerror="document.dispatchEvent(new Event(\\'injected-handler-ran\\'))">');
                """);
        assertThat(outcome).asString().startsWith("refused by script-src");
    }

    @Test
    @Order(8)
    void a_user_without_cadres_pii_saw_no_cadre_name_on_any_page() {
        assertThat(cadreNames).isNotEmpty();
        assertThat(pageSources).hasSizeGreaterThanOrEqualTo(5);
        for (String source : pageSources) {
            assertThat(cadreNames).noneMatch(source::contains);
        }
    }

    @Test
    @Order(9)
    void signing_out_forgets_the_token_and_ends_the_issuers_session() {
        browser.driver().findElement(By.id("sign-out")).click();
        // the issuer's sign-out page asks once, then answers with its login page
        browser.await(By.cssSelector("form[action$='/logout'] button[type=submit]")).click();
        browser.waiting().withMessage(() -> "after sign-out at " + browser.driver().getCurrentUrl() + ": "
                        + browser.driver().findElement(By.tagName("body")).getText())
                .until(d -> d.getCurrentUrl().contains("/login?logout"));
        browser.driver().get(dashboard);
        assertThat(browser.await(By.id("username")).isDisplayed()).as("asked to sign in again").isTrue();
    }

    /** Axe-core finds nothing serious or critical; screenshots at both sizes; the page's text kept for the PII check. */
    private static void checkThePage(String name) throws Exception {
        assertThat(browser.seriousAccessibilityFindings()).as(name + ": axe-core").isEmpty();
        browser.screenshots(name);
        pageSources.add(browser.driver().getPageSource());
    }

}
