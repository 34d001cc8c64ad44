package cn.shuangcheng.reporting.agenda;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.shuangcheng.reporting.agenda.domain.AgendaProjection;
import cn.shuangcheng.reporting.agenda.mongo.AgendaItemQueries;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;

/** The three lists' beans: the read model (a Projection bean, collected by the ingestion) and its queries. */
@Configuration(proxyBeanMethods = false)
class AgendaConfiguration {

    @Bean
    AgendaProjection agendaProjection() {
        return new AgendaProjection();
    }

    @Bean
    AgendaItemQueries agendaItemQueries(ReadModelStore store) {
        return new AgendaItemQueries(store);
    }
}
