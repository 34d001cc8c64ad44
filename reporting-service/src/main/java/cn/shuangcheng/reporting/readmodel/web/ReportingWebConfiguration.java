package cn.shuangcheng.reporting.readmodel.web;

import static cn.shuangcheng.support.web.ApiAuthorizationRules.scope;

import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import cn.shuangcheng.support.web.ApiAuthorizationRules;
import cn.shuangcheng.support.web.ProblemKind;
import cn.shuangcheng.support.web.ProblemMapper;
import cn.shuangcheng.support.web.Problems;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/** Scopes, the 404 mapping and the OpenAPI head of reporting-service. */
@Configuration(proxyBeanMethods = false)
public class ReportingWebConfiguration {

    public static final String READ = "reports:read";
    public static final String ADMIN = "reports:admin";

    @Bean
    ApiAuthorizationRules reportingRules() {
        return rules -> rules
                .requestMatchers("/api/v1/admin/**").hasAuthority(scope(ADMIN))
                .requestMatchers(HttpMethod.GET, "/api/v1/**").hasAuthority(scope(READ));
    }

    @Bean
    ProblemMapper notFoundMapper() {
        return exception -> exception instanceof NotFoundException notFound
                ? Optional.of(Problems.of(ProblemKind.NOT_FOUND, notFound.getMessage()))
                : Optional.empty();
    }

    @Bean
    OpenAPI reportingOpenApi() {
        return new OpenAPI().info(new Info().title("reporting-service").version("v1").description(
                "Read models of the Chengdu–Chongqing joint cooperation: projects, the joint office's monthly "
                        + "portfolio statement, the cadre exchange and the three lists, kept from the published "
                        + "CloudEvents. Reads need scope reports:read; /api/v1/admin/** needs reports:admin. Money is "
                        + "integer yuan in fields ending in Yuan, and 亿元 display strings with two decimals (HALF_UP) "
                        + "in fields ending in Yi. Report endpoints answer text/csv with Accept: text/csv and an xlsx workbook with "
                        + "Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; "
                        + "/api/v1/reports/portfolio/statement answers the joint office's sentence as text/plain. Errors are "
                        + "RFC 9457 application/problem+json. Read models are eventually consistent with the write "
                        + "services (they follow Kafka)."));
    }
}
