package cn.shuangcheng.reporting.agenda;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import cn.shuangcheng.reporting.agenda.domain.AgendaProjection;
import cn.shuangcheng.reporting.agenda.mongo.AgendaItemQueries;

/**
 * The three lists' beans: the read model (a Projection bean, collected by the ingestion) and its queries. Imported,
 * so that the domain class carries no Spring annotation; the controllers are found by scanning.
 */
@Configuration(proxyBeanMethods = false)
@Import({AgendaProjection.class, AgendaItemQueries.class})
class AgendaConfiguration {
}
