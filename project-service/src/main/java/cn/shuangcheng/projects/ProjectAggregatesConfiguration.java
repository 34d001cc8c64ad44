package cn.shuangcheng.projects;

import cn.shuangcheng.projects.agenda.domain.AgendaItem;
import cn.shuangcheng.projects.cooperation.domain.CooperationProject;
import cn.shuangcheng.servicesupport.eventstore.CachedAggregates;
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

    /**
     * Cached between commands (checked against the store before each use): intake sends several commands per
     * reported project, and its monthly resend touches every project again.
     */
    @Bean
    ConfigurerModule projectAggregates(CachedAggregates aggregates) {
        return configurer -> configurer
                .configureAggregate(aggregates.configuration(CooperationProject.class))
                .configureAggregate(aggregates.configuration(AgendaItem.class));
    }

    /** Command handlers ask for the clock to refuse dates in the future; tests fix it. */
    @Bean
    Clock clock() {
        return Clock.system(java.time.ZoneId.of("Asia/Shanghai"));
    }
}
