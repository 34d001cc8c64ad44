package cn.shuangcheng.reporting.projects;

import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.projects.domain.ProjectProjection;
import cn.shuangcheng.reporting.projects.mongo.ProjectQueries;
import cn.shuangcheng.reporting.projects.mongo.ProjectStatusGauges;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projects feature's beans: its read model (a Projection bean, collected by the ingestion), its queries, and the
 * gauges of projects by status. The controllers are found by scanning.
 */
@Configuration(proxyBeanMethods = false)
class ProjectsConfiguration {

    @Bean
    ProjectProjection projectProjection() {
        return new ProjectProjection();
    }

    @Bean
    ProjectQueries projectQueries(ReadModelStore store) {
        return new ProjectQueries(store);
    }

    @Bean(destroyMethod = "close")
    ProjectStatusGauges projectStatusGauges(ReadModelStore store, MeterRegistry meters, ReportingProperties properties) {
        return new ProjectStatusGauges(store, meters, properties.metricsRefresh());
    }
}
