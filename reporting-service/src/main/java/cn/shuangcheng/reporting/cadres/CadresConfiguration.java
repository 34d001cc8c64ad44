package cn.shuangcheng.reporting.cadres;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.shuangcheng.reporting.cadres.domain.ErasedCadreProjection;
import cn.shuangcheng.reporting.cadres.domain.ExchangeBatchProjection;
import cn.shuangcheng.reporting.cadres.domain.SecondmentProjection;
import cn.shuangcheng.reporting.cadres.mongo.CadreExchangeQueries;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;

/**
 * The cadre exchange's beans: its three read models (Projection beans, collected by the ingestion) and the report's
 * query.
 */
@Configuration(proxyBeanMethods = false)
class CadresConfiguration {

    @Bean
    SecondmentProjection secondmentProjection() {
        return new SecondmentProjection();
    }

    @Bean
    ExchangeBatchProjection exchangeBatchProjection() {
        return new ExchangeBatchProjection();
    }

    @Bean
    ErasedCadreProjection erasedCadreProjection() {
        return new ErasedCadreProjection();
    }

    @Bean
    CadreExchangeQueries cadreExchangeQueries(ReadModelStore store) {
        return new CadreExchangeQueries(store);
    }
}
