package cn.shuangcheng.servicesupport.health;

import java.time.Duration;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@link EventProcessorSupervisor} of the write services and the {@code eventProcessors} health indicator (in
 * the overall status and details, in no probe group). {@code shuangcheng.event-processors.supervision-interval} (default 10 s) and
 * {@code shuangcheng.event-processors.max-restarts} (default 5) tune the supervisor.
 */
@AutoConfiguration
@ConditionalOnClass({HealthIndicator.class, EventProcessingConfiguration.class})
public class EventProcessorsHealthAutoConfiguration {

    @Bean(destroyMethod = "close")
    EventProcessorSupervisor eventProcessorSupervisor(
            ObjectProvider<EventProcessingConfiguration> processing, ObjectProvider<MeterRegistry> registry,
            @Value("${shuangcheng.event-processors.supervision-interval:PT10S}") Duration interval,
            @Value("${shuangcheng.event-processors.max-restarts:5}") int maxRestarts) {
        // looked up at every check: the processors exist only once Axon's configuration has been built
        return new EventProcessorSupervisor(processing::getIfAvailable, maxRestarts, registry.getIfAvailable())
                .every(interval);
    }

    @Bean
    EventProcessorsHealthIndicator eventProcessorsHealthIndicator(
            ObjectProvider<EventProcessingConfiguration> processing, EventProcessorSupervisor supervisor) {
        return new EventProcessorsHealthIndicator(() -> {
            EventProcessingConfiguration configuration = processing.getIfAvailable();
            return configuration == null ? Map.of() : configuration.eventProcessors();
        }, supervisor);
    }
}
