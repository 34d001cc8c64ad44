package cn.shuangcheng.servicesupport.eventstore;

import com.mongodb.client.MongoClient;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Axon on MongoDB without Axon Server: the {@link SequencedMongoEventStorageEngine}, axon-mongo's
 * {@link MongoTokenStore}, JSON serialisation and no transactions. Axon's metrics are wired by
 * {@link AxonMetricsAutoConfiguration}, so that they stay when a service or test leaves this one out.
 * <p>
 * Everything lives in the database named by {@code shuangcheng.mongodb.database}, reached through the
 * {@link MongoClient} that Boot builds from {@code spring.mongodb.uri}. Runs before Axon's own auto-configuration so
 * that Axon's {@code @ConditionalOnMissingBean} defaults step aside.
 */
@AutoConfiguration(
        after = MongoAutoConfiguration.class,
        before = {AxonAutoConfiguration.class, TransactionAutoConfiguration.class,
                NoOpTransactionAutoConfiguration.class})
@ConditionalOnClass({MongoClient.class, EventStorageEngine.class})
@EnableConfigurationProperties(EventStoreProperties.class)
public class EventStoreAutoConfiguration {

    public static final String TOKENS_COLLECTION = "trackingtokens";

    private final String databaseName;

    public EventStoreAutoConfiguration(@Value("${shuangcheng.mongodb.database:}") String databaseName) {
        if (databaseName.isBlank()) {
            throw new IllegalStateException(
                    "Set shuangcheng.mongodb.database: the MongoDB database that holds this service's event store");
        }
        this.databaseName = databaseName;
    }

    @Bean
    @ConditionalOnMissingBean(EventStorageEngine.class)
    public SequencedMongoEventStorageEngine eventStorageEngine(MongoClient mongoClient,
                                                               EventStoreProperties properties,
                                                               Serializer serializer,
                                                               @Qualifier("eventSerializer") Serializer eventSerializer,
                                                               Configuration configuration,
                                                               @Value("${shuangcheng.eventstore.fault-injection"
                                                                       + ".hold-after-reservation:}")
                                                               String holdAfterReservation) {
        return SequencedMongoEventStorageEngine.builder()
                                               .database(mongoClient.getDatabase(databaseName))
                                               .eventSerializer(eventSerializer)
                                               .snapshotSerializer(serializer)
                                               .upcasterChain(configuration.upcasterChain())
                                               .snapshotFilter(configuration.snapshotFilter())
                                               .batchSize(properties.batchSize())
                                               .gapTimeout(properties.gapTimeout())
                                               .maxGapOffset(properties.maxGapOffset())
                                               // a test seam, off (no decorator) unless deliberately enabled
                                               .reservationDecorator(
                                                       HoldAfterReservation.fromProperty(holdAfterReservation))
                                               .build();
    }

    /** Every aggregate's stream stays within shuangcheng.eventstore.max-events-per-aggregate. */
    @Bean
    InitializingBean eventsPerAggregateLimitRegistration(ObjectProvider<EventStore> eventStore,
                                                         EventStoreProperties properties) {
        EventsPerAggregateLimit limit = new EventsPerAggregateLimit(properties.maxEventsPerAggregate());
        return () -> eventStore.ifAvailable(store -> store.registerDispatchInterceptor(limit));
    }

    /** Aggregate configurations with the checked cache; services register their aggregates through it. */
    @Bean
    @ConditionalOnMissingBean
    public CachedAggregates cachedAggregates(ObjectProvider<EventStorageEngine> storageEngine,
                                             EventStoreProperties properties) {
        return new CachedAggregates(storageEngine::getIfAvailable, properties.aggregateCacheEvents(),
                properties.aggregateLockWait());
    }

    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    public MongoTokenStore tokenStore(MongoClient mongoClient, Serializer serializer, EventStoreProperties properties) {
        return MongoTokenStore.builder()
                              .claimTimeout(properties.tokenClaimTimeout())
                              .mongoTemplate(DefaultMongoTemplate.builder()
                                                                 .mongoDatabase(mongoClient, databaseName)
                                                                 .trackingTokensCollectionName(TOKENS_COLLECTION)
                                                                 .build())
                              .serializer(serializer)
                              .build();
    }

    /** MongoDB stand-ins have no transactions, and our appends do not need them (see the engine's notes). */
    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    public TransactionManager axonTransactionManager() {
        return NoTransactionManager.INSTANCE;
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "serializer")
    public Serializer serializer() {
        return AxonJsonSerializers.jacksonSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    @ConditionalOnMissingBean(name = "messageSerializer")
    public Serializer messageSerializer() {
        return AxonJsonSerializers.jacksonSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    @ConditionalOnMissingBean(name = "eventSerializer")
    public Serializer eventSerializer() {
        return AxonJsonSerializers.jacksonSerializer();
    }
}
