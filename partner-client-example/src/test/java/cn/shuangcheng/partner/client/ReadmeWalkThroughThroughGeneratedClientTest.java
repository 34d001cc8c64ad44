package cn.shuangcheng.partner.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import cn.shuangcheng.partner.client.projects.ApiResponse;
import cn.shuangcheng.partner.client.projects.api.ProjectsApi;
import cn.shuangcheng.partner.client.projects.model.ListProject;
import cn.shuangcheng.partner.client.projects.model.ProjectView;
import cn.shuangcheng.partner.client.projects.model.ProposeProject;
import cn.shuangcheng.partner.client.projects.model.RecordInvestment;
import cn.shuangcheng.partner.client.projects.model.RecordedMonth;
import cn.shuangcheng.partner.client.projects.model.SetAnnualPlan;
import cn.shuangcheng.partner.client.projects.model.StartProject;
import cn.shuangcheng.partner.client.projects.model.WriteResult;
import cn.shuangcheng.partner.client.reporting.api.ReportsApi;
import cn.shuangcheng.partner.client.reporting.model.Figures;

/**
 * The README's walk-through as a partner system runs it with a client generated from the committed OpenAPI documents
 * ({@code docs/openapi/}, generated into {@code target/} by this module's build): a token by the client-credentials
 * grant from the development issuer with the README's {@code admin} client, then, through the generated client only,
 * propose the README's project, put it on the 2023 list, plan its year, start it, record a month's investment, read
 * it back with its version as {@code ETag}, and read the 2023 portfolio from reporting-service until it shows the
 * project and the amount. The services run from their jars ({@link PartnerStage}); a field the documents type wrongly
 * or a path they do not describe fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeWalkThroughThroughGeneratedClientTest {

    private static final int YEAR = 2023;
    private static final long TOTAL_INVESTMENT_YUAN = 3_000_000_000L;
    private static final long PLAN_YUAN = 1_200_000_000L;
    private static final String MONTH = "2023-03";
    private static final long MONTH_YUAN = 450_000_000L;
    private static final Duration REPORTING_DEADLINE = Duration.ofSeconds(60);

    private PartnerStage stage;

    @BeforeAll
    void startTheServices() throws Exception {
        stage = PartnerStage.start();
    }

    @AfterAll
    void stopTheServices() {
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    void a_partner_runs_the_readme_walk_through_with_the_generated_client() throws Exception {
        // the README: TOKEN=$(curl -s -u admin:admin-dev-secret -d grant_type=client_credentials
        //                     --data-urlencode 'scope=projects:write reports:read' …/oauth2/token …)
        String token = stage.clientCredentialsToken("admin", "admin-dev-secret", "projects:write reports:read");
        ProjectsApi projects = new ProjectsApi(stage.projectServiceClient(token));

        ApiResponse<WriteResult> proposed = projects.proposeWithHttpInfo(new ProposeProject()
                .externalRef("README-001").name("川渝高竹新区智能网联汽车零部件产业园")
                .sector(ProposeProject.SectorEnum.MODERN_INDUSTRY).platform(ProposeProject.PlatformEnum.GAOZHU)
                .regions(List.of("511600", "500112")).leadUnits(List.of("广安市人民政府"))
                .totalInvestmentYuan(TOTAL_INVESTMENT_YUAN), null); // the externalRef decides: no Idempotency-Key
        assertThat(proposed.getStatusCode()).isEqualTo(201);
        String id = proposed.getData().getId();
        assertThat(header(proposed, "Location")).endsWith("/api/v1/projects/" + id);

        // each write names the version it builds on, as a partner that wants it applied once does
        WriteResult listed = projects.callList(id, new ListProject().listYear(YEAR), etag(proposed.getData()));
        WriteResult planned = projects.planYear(id, YEAR, new SetAnnualPlan().amountYuan(PLAN_YUAN), etag(listed));
        WriteResult started = projects.start(id, new StartProject().startedOn(LocalDate.of(YEAR, 3, 1)),
                etag(planned));
        ApiResponse<WriteResult> recorded = projects.investWithHttpInfo(id,
                new RecordInvestment().period(MONTH).amountYuan(MONTH_YUAN), etag(started));
        assertThat(recorded.getStatusCode()).isEqualTo(201);
        assertThat(header(recorded, "Location")).endsWith("/api/v1/projects/" + id + "/investments/" + MONTH);

        ApiResponse<ProjectView> read = projects.getProjectWithHttpInfo(id);
        ProjectView project = read.getData();
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(header(read, "ETag")).isEqualTo(etag(recorded.getData())).isEqualTo("\"4\"");
        assertThat(project.getVersion()).isEqualTo(4L);
        assertThat(project.getStatus()).isEqualTo(ProjectView.StatusEnum.STARTED);
        assertThat(project.getListYears()).containsExactly(YEAR);
        assertThat(project.getAnnualPlans()).singleElement().satisfies(plan -> {
            assertThat(plan.getYear()).isEqualTo(YEAR);
            assertThat(plan.getAmountYuan()).isEqualTo(PLAN_YUAN);
        });
        assertThat(project.getStartedOn()).isEqualTo(LocalDate.of(YEAR, 3, 1));
        assertThat(project.getInvestments()).extracting(RecordedMonth::getPeriod, RecordedMonth::getAmountYuan)
                .containsExactly(tuple(MONTH, MONTH_YUAN));
        assertThat(projects.getRecordedMonth(id, MONTH).getAmountYuan()).isEqualTo(MONTH_YUAN);

        PortfolioTotal total = await("the " + YEAR + " portfolio shows the project and its month")
                .atMost(REPORTING_DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> portfolioTotal(stage.reportingServiceClient(token), YEAR),
                        t -> t.completedInYearYuan() == MONTH_YUAN);
        System.out.printf("portfolio %d through the generated client: projects %d, started %d, "
                + "completedInYearYuan %d%n", YEAR, total.projects(), total.started(), total.completedInYearYuan());
        assertThat(total).isEqualTo(new PortfolioTotal(1, 1, MONTH_YUAN));
    }

    /** The figures of the portfolio's {@code total} this walk-through checks, as docs/api-guide.md documents them. */
    record PortfolioTotal(long projects, long started, long completedInYearYuan) {
    }

    /**
     * The only part that reads reporting-service's portfolio ({@code total.projects}, {@code .started},
     * {@code .completedInYearYuan}): what changes here when reporting's document changes its types.
     */
    private static PortfolioTotal portfolioTotal(cn.shuangcheng.partner.client.reporting.ApiClient reporting, int year)
            throws cn.shuangcheng.partner.client.reporting.ApiException {
        Figures total = new ReportsApi(reporting).getPortfolio((long) year, null).getTotal();
        return new PortfolioTotal(total.getProjects(), total.getStarted(), total.getCompletedInYearYuan());
    }

    /** {@code If-Match} for the version a write answered: {@code "3"}. */
    private static String etag(WriteResult result) {
        return "\"" + result.getVersion() + "\"";
    }

    private static String header(ApiResponse<?> response, String name) {
        List<String> values = response.getHeaders().get(name);
        assertThat(values).as("header " + name).isNotNull().hasSize(1);
        return values.get(0);
    }
}
