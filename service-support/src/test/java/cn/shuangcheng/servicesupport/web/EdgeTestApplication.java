package cn.shuangcheng.servicesupport.web;

import cn.shuangcheng.support.web.ApiAuthorizationRules;
import static cn.shuangcheng.support.web.ApiAuthorizationRules.scope;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;

/**
 * A minimal write service for the edge tests: one controller, one event-sourced aggregate in an
 * in-memory event store, the support module's auto-configurations. MongoDB and Kafka wiring of the
 * module (and Boot's) are excluded by name: these tests are about HTTP, security and correlation.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "cn.shuangcheng.servicesupport.eventstore.EventStoreAutoConfiguration",
        "cn.shuangcheng.servicesupport.publication.KafkaPublicationAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.metrics.MongoMetricsAutoConfiguration",
        "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration"})
@Import({EdgeTestController.class, Ledger.class})
public class EdgeTestApplication {

    /** Scopes of the test API: reads need ledger:read, everything else ledger:write. */
    @Bean
    ApiAuthorizationRules ledgerRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/test/**").hasAuthority(scope("ledger:read"))
                .requestMatchers("/api/test/**").hasAuthority(scope("ledger:write"));
    }

    @Bean
    EventStorageEngine eventStorageEngine() {
        return new InMemoryEventStorageEngine();
    }

    @Bean
    HandledCommands handledCommands() {
        return new HandledCommands();
    }

    /** Records the metadata of every command as its handler sees it. */
    static final class HandledCommands implements MessageHandlerInterceptor<CommandMessage<?>> {

        private final List<CommandMessage<?>> commands = new CopyOnWriteArrayList<>();

        @Override
        public Object handle(org.axonframework.messaging.unitofwork.UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                org.axonframework.messaging.InterceptorChain chain) throws Exception {
            commands.add(unitOfWork.getMessage());
            return chain.proceed();
        }

        MetaData metaDataOf(Class<?> payloadType, String aggregateId) {
            return commands.stream()
                    .filter(c -> payloadType.isInstance(c.getPayload()))
                    .filter(c -> c.getPayload().toString().contains(aggregateId))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("no " + payloadType.getSimpleName() + " for " + aggregateId))
                    .getMetaData();
        }
    }
}
