package cn.shuangcheng.reporting.projects;

import cn.shuangcheng.reporting.projects.mongo.ProjectStatusGauges;
import cn.shuangcheng.reporting.ReportingProperties;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The projects feature's own beans beyond its projection and controller: the gauges of projects by status. */
@Configuration(proxyBeanMethods = false)
class ProjectsConfiguration {

    @Bean(destroyMethod = "close")
    ProjectStatusGauges projectStatusGauges(ReadModelStore store, MeterRegistry meters, ReportingProperties properties) {
        return new ProjectStatusGauges(store, meters, properties.metricsRefresh());
    }
}
