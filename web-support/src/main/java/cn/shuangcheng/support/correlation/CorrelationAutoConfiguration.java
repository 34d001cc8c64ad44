package cn.shuangcheng.support.correlation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import cn.shuangcheng.support.tracing.Traceparent;
import io.micrometer.tracing.Tracer;

import java.util.Optional;

/**
 * The servlet side of correlation: every request gets a correlation id ({@link CorrelationFilter}). Carrying it
 * into command and event metadata is the write services' business (service-support's Axon correlation wiring);
 * a read service such as reporting-service only needs the filter.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CorrelationAutoConfiguration {

    /**
     * Before everything of ours, so that everything after it (including 401/413 answers) carries the id; after Boot's
     * HTTP observation filter ({@code HIGHEST_PRECEDENCE + 1}), so that the request's server span is current.
     */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    @Bean
    FilterRegistrationBean<CorrelationFilter> correlationFilter(ObjectProvider<Tracer> tracer) {
        CorrelationFilter filter = new CorrelationFilter(
                () -> Optional.ofNullable(tracer.getIfAvailable()).flatMap(Traceparent::current));
        FilterRegistrationBean<CorrelationFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(FILTER_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
