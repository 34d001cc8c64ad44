package cn.shuangcheng.reporting.portfolio;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.shuangcheng.reporting.portfolio.mongo.PortfolioQueries;
import cn.shuangcheng.reporting.readmodel.mongo.ReadModelStore;

/** The portfolio's bean: the statement's query (the portfolio reads the projects' read model; it has none of its own). */
@Configuration(proxyBeanMethods = false)
class PortfolioConfiguration {

    @Bean
    PortfolioQueries portfolioQueries(ReadModelStore store) {
        return new PortfolioQueries(store);
    }
}
