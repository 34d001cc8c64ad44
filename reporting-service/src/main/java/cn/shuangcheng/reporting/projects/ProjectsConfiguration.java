package cn.shuangcheng.reporting.projects;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.projects.domain.ProjectProjection;
import cn.shuangcheng.reporting.projects.mongo.ProjectQueries;
import cn.shuangcheng.reporting.projects.mongo.ProjectStatusGauges;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;

/**
 * The projects feature's beans: its read model (a Projection bean, collected by the ingestion) and its queries,
 * imported so that the domain class carries no Spring annotation, and the gauges of projects by status. The
 * controllers are found by scanning.
 */
@Configuration(proxyBeanMethods = false)
@Import({ProjectProjection.class, ProjectQueries.class})
class ProjectsConfiguration {

    @Bean(destroyMethod = "close")
    ProjectStatusGauges projectStatusGauges(ReadModelStore store, MeterRegistry meters, ReportingProperties properties) {
        return new ProjectStatusGauges(store, meters, properties.metricsRefresh());
    }
}
