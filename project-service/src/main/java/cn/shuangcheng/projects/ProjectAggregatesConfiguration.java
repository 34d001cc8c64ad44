package cn.shuangcheng.projects;

import cn.shuangcheng.projects.agenda.domain.AgendaItem;
import cn.shuangcheng.projects.cooperation.domain.CooperationProject;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Registers the aggregates with Axon here, rather than with Axon's Spring {@code @Aggregate} stereotype on
 * the classes, so that the domain stays free of Spring. Both are event sourced from the event store that
 * service-support configures.
 */
@Configuration(proxyBeanMethods = false)
class ProjectAggregatesConfiguration {

    @Bean
    ConfigurerModule projectAggregates() {
        return configurer -> configurer
                .configureAggregate(CooperationProject.class)
                .configureAggregate(AgendaItem.class);
    }

    /** Command handlers ask for the clock to refuse dates in the future; tests fix it. */
    @Bean
    Clock clock() {
        return Clock.system(java.time.ZoneId.of("Asia/Shanghai"));
    }
}
