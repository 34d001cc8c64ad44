package cn.shuangcheng.reporting.portfolio;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import cn.shuangcheng.reporting.portfolio.mongo.PortfolioQueries;

/** The portfolio's bean: the statement's query (the portfolio reads the projects' read model; it has none of its own). */
@Configuration(proxyBeanMethods = false)
@Import(PortfolioQueries.class)
class PortfolioConfiguration {
}
