package cn.shuangcheng.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Grafana dashboards as Grafana's file provisioning loads them: one dashboard object per file with a stable uid,
 * panels with unique ids on the 24-column grid, every query on the provisioned Prometheus datasource (through the
 * ${datasource} variable), and the board each issue asks for. Whether Prometheus accepts the queries and whether the
 * services expose what they read is checked against running services by LiveExpositionIT.
 */
class DashboardsTest {

    @Test
    void everyDashboardIsAProvisionableDashboard() {
        List<Path> files = Queries.dashboardFiles();
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("operations.json", "cooperation.json");
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode dashboard = DeployFiles.json(file);
            String name = file.getFileName().toString();
            assertThat(dashboard.path("uid").asText()).as(name).matches("[a-z0-9-]{1,40}");
            assertThat(uids.add(dashboard.path("uid").asText())).as(name + " uid unique").isTrue();
            assertThat(dashboard.path("title").asText()).as(name).startsWith("Shuangcheng / ");
            assertThat(dashboard.has("id") && !dashboard.get("id").isNull()).as(name + ": no database id in a provisioned file").isFalse();
            assertThat(dashboard.path("schemaVersion").asInt()).as(name).isGreaterThanOrEqualTo(36);
            JsonNode datasourceVariable = variable(dashboard, "datasource");
            assertThat(datasourceVariable.path("type").asText()).isEqualTo("datasource");
            assertThat(datasourceVariable.path("query").asText()).isEqualTo("prometheus");
            assertThat(datasourceVariable.path("current").path("value").asText())
                    .as("defaults to the provisioned datasource's uid")
                    .isEqualTo(provisionedDatasourceUid());
        }
    }

    @Test
    void panelsHaveUniqueIdsFitTheGridAndQueryThroughTheDatasourceVariable() {
        for (Path file : Queries.dashboardFiles()) {
            JsonNode dashboard = DeployFiles.json(file);
            Set<Integer> ids = new HashSet<>();
            Set<String> occupied = new HashSet<>();
            for (JsonNode panel : Queries.panels(dashboard)) {
                String where = file.getFileName() + " panel '" + panel.path("title").asText() + "'";
                assertThat(ids.add(panel.path("id").asInt())).as(where + " id unique").isTrue();
                JsonNode grid = panel.path("gridPos");
                int x = grid.path("x").asInt(), y = grid.path("y").asInt(), w = grid.path("w").asInt(), h = grid.path("h").asInt();
                assertThat(w).as(where).isPositive();
                assertThat(h).as(where).isPositive();
                assertThat(x + w).as(where + " inside 24 columns").isLessThanOrEqualTo(24);
                for (int cx = x; cx < x + w; cx++) {
                    for (int cy = y; cy < y + h; cy++) {
                        assertThat(occupied.add(cx + "," + cy)).as(where + " overlaps another panel at " + cx + "," + cy).isTrue();
                    }
                }
                if ("row".equals(panel.path("type").asText())) {
                    continue;
                }
                assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as(where + " queries something").isNotEmpty();
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asText()).as(where).isNotBlank();
                    assertThat(refIds.add(target.path("refId").asText())).as(where + " refId unique").isTrue();
                }
            }
        }
    }

    @Test
    void theOperationsBoardShowsThroughputLatencyLagErrorsAndJvmAndTheCooperationBoardTheDomain() {
        assertThat(rowTitles("operations.json")).containsExactly("Overview", "Throughput", "Latency", "Lag", "Errors", "JVM");
        String cooperation = DeployFiles.read(DeployFiles.deploy("grafana/dashboards/cooperation.json"));
        assertThat(cooperation).contains("shuangcheng_reporting_projects", "shuangcheng_reporting_investment_recorded_yuan_total",
                "shuangcheng_intake_rows_total");
    }

    @Test
    void provisioningPointsAtTheDashboardsDirectoryComposeMounts() {
        JsonNode providers = DeployFiles.yaml(DeployFiles.deploy("grafana/provisioning/dashboards/shuangcheng.yml")).path("providers");
        assertThat(providers).hasSize(1);
        assertThat(providers.get(0).path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
        String compose = DeployFiles.read(DeployFiles.deploy("compose.yaml"));
        assertThat(compose).contains("./grafana/dashboards:/var/lib/grafana/dashboards:ro",
                "./grafana/provisioning:/etc/grafana/provisioning:ro");
    }

    private static List<String> rowTitles(String file) {
        JsonNode dashboard = DeployFiles.json(DeployFiles.deploy("grafana/dashboards/" + file));
        return Queries.panels(dashboard).stream().filter(p -> "row".equals(p.path("type").asText()))
                .map(p -> p.path("title").asText()).toList();
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError(dashboard.path("title").asText() + " has no variable " + name);
    }

    private static String provisionedDatasourceUid() {
        JsonNode datasources = DeployFiles.yaml(DeployFiles.deploy("grafana/provisioning/datasources/prometheus.yml")).path("datasources");
        assertThat(datasources).hasSize(1);
        assertThat(datasources.get(0).path("type").asText()).isEqualTo("prometheus");
        return datasources.get(0).path("uid").asText();
    }
}
