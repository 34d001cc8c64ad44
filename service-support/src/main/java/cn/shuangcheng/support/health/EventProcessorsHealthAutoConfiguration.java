package cn.shuangcheng.support.health;

import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code eventProcessors} health indicator, for the readiness group of the write services. */
@AutoConfiguration
@ConditionalOnClass({HealthIndicator.class, EventProcessingConfiguration.class})
public class EventProcessorsHealthAutoConfiguration {

    @Bean
    EventProcessorsHealthIndicator eventProcessorsHealthIndicator(
            ObjectProvider<EventProcessingConfiguration> processing) {
        // looked up at every check: the processors exist only once Axon's configuration has been built
        return new EventProcessorsHealthIndicator(() -> {
            EventProcessingConfiguration configuration = processing.getIfAvailable();
            return configuration == null ? Map.of() : configuration.eventProcessors();
        });
    }
}
