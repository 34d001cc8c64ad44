package cn.shuangcheng.servicesupport.eventstore;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Axon's message metrics on Boot's meter registry (and so on Prometheus). Replaces Axon's
 * {@code MicrometerMetricsAutoConfiguration}, which {@link AxonAutoConfigurationFilter} keeps out because on
 * Boot 4 it registers a stray {@code SimpleMeterRegistry} of its own. Separate from
 * {@link EventStoreAutoConfiguration} so that excluding the Mongo wiring (as the web edge tests do) keeps the metrics.
 */
@AutoConfiguration(after = CompositeMeterRegistryAutoConfiguration.class)
@ConditionalOnClass({GlobalMetricRegistry.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class AxonMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(GlobalMetricRegistry.class)
    public GlobalMetricRegistry axonGlobalMetricRegistry(MeterRegistry meterRegistry) {
        return new GlobalMetricRegistry(meterRegistry);
    }

    /** {@code true}: one meter per metric with the processor or handler as a tag, not one meter name per component. */
    @Bean
    @ConditionalOnMissingBean(MetricsConfigurerModule.class)
    public MetricsConfigurerModule axonMetricsConfigurerModule(GlobalMetricRegistry axonGlobalMetricRegistry) {
        return new MetricsConfigurerModule(axonGlobalMetricRegistry, true);
    }
}
