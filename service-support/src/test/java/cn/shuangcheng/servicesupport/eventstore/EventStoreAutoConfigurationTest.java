package cn.shuangcheng.servicesupport.eventstore;

import cn.shuangcheng.servicesupport.testing.SharedMongo;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = EventStoreAutoConfigurationTest.TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"axon.axonserver.enabled=false", "shuangcheng.eventstore.batch-size=123"})
class EventStoreAutoConfigurationTest {

    private static final String DATABASE = SharedMongo.uniqueDatabaseName("autoconfig");

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {
    }

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", SharedMongo::connectionString);
        registry.add("shuangcheng.mongodb.database", () -> DATABASE);
    }

    record ReportFiled(String title, LocalDate day) {
    }

    @Autowired
    private ApplicationContext context;

    @Test
    void wiresTheMongoEngineTokenStoreJsonSerializersAndNoTransactions() {
        EventStorageEngine engine = context.getBean(EventStorageEngine.class);
        assertThat(engine).isInstanceOf(SequencedMongoEventStorageEngine.class);
        assertThat(((SequencedMongoEventStorageEngine) engine).batchSize()).isEqualTo(123);
        assertThat(context.getBean(TokenStore.class)).isInstanceOf(MongoTokenStore.class);
        assertThat(context.getBean(TransactionManager.class)).isSameAs(NoTransactionManager.INSTANCE);
        assertThat(List.of("serializer", "eventSerializer", "messageSerializer"))
                .allSatisfy(name -> assertThat(context.getBean(name, Serializer.class))
                        .isInstanceOf(JacksonSerializer.class));
        assertThat(context.getBean(CommandGateway.class)).isNotNull();
    }

    @Test
    void eventsPublishedThroughAxonLandInTheConfiguredDatabaseAsJson() {
        context.getBean(EventGateway.class).publish(new ReportFiled("annual", LocalDate.of(2023, 2, 10)));

        SequencedMongoEventStorageEngine engine = context.getBean(SequencedMongoEventStorageEngine.class);
        List<? extends TrackedEventMessage<?>> stored = engine.readEvents(null, false).toList();
        assertThat(stored.stream().<Object>map(TrackedEventMessage::getPayload).toList())
                .contains(new ReportFiled("annual", LocalDate.of(2023, 2, 10)));
        assertThat(stored.get(0)).isInstanceOf(DomainEventMessage.class);
        assertThat(EventStoreTestSupport.client().getDatabase(DATABASE).getCollection("domainevents")
                                        .find(com.mongodb.client.model.Filters.eq("payload.title", "annual"))
                                        .first().get("payload", org.bson.Document.class)
                                        .getString("day")).isEqualTo("2023-02-10");
    }

    @Test
    void axonsUpdateCheckerThatCallsOutToTheVendorIsKeptOut() {
        assertThat(context.containsBean(AxonAutoConfigurationFilter.AXON_UPDATE_CHECKER_AUTO_CONFIGURATION))
                .isFalse();
        assertThat(context.getBeanNamesForType(org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration.class))
                .isEmpty();
    }

    @Test
    void axonMetricsGoToBootsMeterRegistryAndAxonsOwnMetricsAutoConfigurationIsKeptOut() {
        assertThat(context.containsBean(AxonAutoConfigurationFilter.AXON_MICROMETER_AUTO_CONFIGURATION))
                .isFalse();
        MeterRegistry bootRegistry = context.getBean(MeterRegistry.class);
        assertThat(context.getBean(GlobalMetricRegistry.class).getRegistry()).isSameAs(bootRegistry);

        context.getBean(EventGateway.class).publish(new ReportFiled("metrics", LocalDate.of(2023, 3, 1)));

        assertThat(bootRegistry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                                            .anyMatch(name -> name.startsWith("eventStore"));
    }
}
