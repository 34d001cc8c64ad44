package cn.shuangcheng.localstack.demo;

import cn.shuangcheng.localstack.http.Api;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Loads the demo data through the services' real APIs, as their clients would: projects through the intake, then
 * batches and secondments, then the three-lists items (which name projects). Idempotent: a second run over the same
 * data sends nothing that changes state, and its {@link LoadReport} says so.
 */
public final class DemoLoader {

    private final Api projectService;
    private final Api cadreService;
    private final Consumer<String> progress;

    public DemoLoader(Api projectService, Api cadreService, Consumer<String> progress) {
        this.projectService = projectService;
        this.cadreService = cadreService;
        this.progress = progress;
    }

    public LoadReport load(DemoDataset dataset) throws InterruptedException {
        LoadReport report = new LoadReport();
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> projectIds = new ProjectIntake(projectService, runId, progress).load(dataset, report);
        new CadreExchange(cadreService, progress).load(dataset, report);
        new AgendaItems(projectService, progress).load(dataset, projectIds, report);
        return report;
    }
}
