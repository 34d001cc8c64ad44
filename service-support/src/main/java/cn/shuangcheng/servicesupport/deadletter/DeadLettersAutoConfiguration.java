package cn.shuangcheng.servicesupport.deadletter;

import static cn.shuangcheng.support.web.ApiAuthorizationRules.scope;

import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import com.mongodb.client.MongoClient;

import cn.shuangcheng.support.web.ApiAuthorizationRules;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The dead-letter store of a write service ({@link DeadLetterQueues}, in the event store's database), which the
 * publication and the services' read-model processors register with, and its admin endpoint
 * ({@link DeadLetterController}) under scope {@value #SCOPE}. Off with {@code shuangcheng.dead-letters.enabled=false}.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class)
@ConditionalOnClass({MongoClient.class, EventProcessingConfiguration.class})
@ConditionalOnBean(MongoClient.class)
@ConditionalOnProperty(prefix = "shuangcheng.mongodb", name = "database")
@ConditionalOnBooleanProperty(name = "shuangcheng.dead-letters.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLettersAutoConfiguration {

    public static final String SCOPE = "deadletters:admin";

    @Bean
    DeadLetterQueues deadLetterQueues(MongoClient client, @Value("${shuangcheng.mongodb.database}") String database,
                                      DeadLetterProperties properties, ObjectProvider<MeterRegistry> registry) {
        return new DeadLetterQueues(client.getDatabase(database), properties, registry.getIfAvailable());
    }

    @Bean
    DeadLetterAdmin deadLetterAdmin(ObjectProvider<EventProcessingConfiguration> processing) {
        return new DeadLetterAdmin(processing::getIfAvailable);
    }

    @Bean
    @ConditionalOnWebApplication
    DeadLetterController deadLetterController(DeadLetterAdmin admin) {
        return new DeadLetterController(admin);
    }

    /** Before the services' own rules: their catch-all for {@code /api/v1/**} would otherwise decide first. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnWebApplication
    ApiAuthorizationRules deadLetterAdminScope() {
        return rules -> rules.requestMatchers("/api/v1/admin/dead-letters", "/api/v1/admin/dead-letters/**")
                             .hasAuthority(scope(SCOPE));
    }
}
