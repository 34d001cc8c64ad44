package cn.shuangcheng.reporting.cadres;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import cn.shuangcheng.reporting.cadres.domain.ErasedCadreProjection;
import cn.shuangcheng.reporting.cadres.domain.ExchangeBatchProjection;
import cn.shuangcheng.reporting.cadres.domain.SecondmentProjection;
import cn.shuangcheng.reporting.cadres.mongo.CadreExchangeQueries;

/**
 * The cadre exchange's beans: its three read models (Projection beans, collected by the ingestion) and the report's
 * query. Imported, so that the domain classes carry no Spring annotation; the controller is found by scanning.
 */
@Configuration(proxyBeanMethods = false)
@Import({SecondmentProjection.class, ExchangeBatchProjection.class, ErasedCadreProjection.class,
        CadreExchangeQueries.class})
class CadresConfiguration {
}
