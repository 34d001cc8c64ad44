package cn.shuangcheng.servicesupport.publication;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;

import cn.shuangcheng.servicesupport.deadletter.DeadLetterQueues;
import cn.shuangcheng.support.kafka.KafkaConnectionProperties;
import cn.shuangcheng.servicesupport.testing.SharedKafka;

/**
 * One run of a write service's publication, without Spring: an Axon configuration over the given storage engine and
 * token store (both outlive the run, like the database would), with {@link KafkaPublicationModule} applied, and the
 * producer it publishes with.
 */
final class PublicationRig implements AutoCloseable {

    final PublicationProperties publication;
    final TokenStore tokenStore;
    final Configuration configuration;
    private final CloudEventKafkaSender sender;

    private PublicationRig(PublicationProperties publication, String producerBootstrapServers,
                           EventStorageEngine engine, TokenStore tokenStore, TransactionManager transactionManager) {
        this(publication, SharedKafka.bootstrapServers(), producerBootstrapServers, engine, tokenStore,
                transactionManager, null, null);
    }

    private PublicationRig(PublicationProperties publication, String adminBootstrapServers,
                           String producerBootstrapServers, EventStorageEngine engine, TokenStore tokenStore,
                           TransactionManager transactionManager, DeadLetterQueues deadLetters,
                           Serializer eventSerializer) {
        this.publication = publication;
        this.tokenStore = tokenStore;
        KafkaConnectionProperties connection = KafkaConnectionProperties.of(adminBootstrapServers);
        this.sender = new CloudEventKafkaSender(KafkaConnectionProperties.of(producerBootstrapServers), publication);
        KafkaPublishingEventHandler handler = new KafkaPublishingEventHandler(
                new CloudEventMapper(publication.serviceName(), publication.context()), sender,
                publication.sendTimeout());
        KafkaPublicationModule module = new KafkaPublicationModule(publication, handler,
                new PublicationTopicCreator(connection, publication), deadLetters);
        var configurer = DefaultConfigurer.defaultConfiguration()
                                          .configureEmbeddedEventStore(config -> engine)
                                          .eventProcessing(processing -> processing
                                                  .registerTokenStore(config -> tokenStore)
                                                  .registerDefaultTransactionManager(
                                                          config -> transactionManager));
        if (eventSerializer != null) {
            // the serializer the engine reads with: parked events then keep their payload as stored
            configurer.configureEventSerializer(config -> eventSerializer);
        }
        module.configureModule(configurer);
        this.configuration = configurer.buildConfiguration();
    }

    static PublicationRig start(PublicationProperties publication, EventStorageEngine engine, TokenStore tokenStore) {
        return start(publication, SharedKafka.bootstrapServers(), engine, tokenStore, NoTransactionManager.instance());
    }

    static PublicationRig start(PublicationProperties publication, EventStorageEngine engine, TokenStore tokenStore,
                                TransactionManager transactionManager) {
        return start(publication, SharedKafka.bootstrapServers(), engine, tokenStore, transactionManager);
    }

    /** Publication that parks what it cannot publish in {@code deadLetters}. */
    static PublicationRig startWithDeadLetters(PublicationProperties publication, EventStorageEngine engine,
                                               TokenStore tokenStore, DeadLetterQueues deadLetters,
                                               Serializer eventSerializer) {
        return new PublicationRig(publication, SharedKafka.bootstrapServers(),
                SharedKafka.bootstrapServers(), engine, tokenStore, NoTransactionManager.instance(), deadLetters,
                eventSerializer).started();
    }

    /**
     * The topic is checked and created through {@code adminBootstrapServers} (a link the test can cut: the start
     * does not wait for it), and events are sent to the shared broker.
     */
    static PublicationRig startWithTopicAdminAt(String adminBootstrapServers, PublicationProperties publication,
                                                EventStorageEngine engine, TokenStore tokenStore) {
        return new PublicationRig(publication, adminBootstrapServers, SharedKafka.bootstrapServers(),
                engine, tokenStore, NoTransactionManager.instance(), null, null).started();
    }

    /** The topic is created on the shared broker, but events are sent to {@code producerBootstrapServers}. */
    static PublicationRig startSendingTo(String producerBootstrapServers, PublicationProperties publication,
                                         EventStorageEngine engine, TokenStore tokenStore) {
        return start(publication, producerBootstrapServers, engine, tokenStore, NoTransactionManager.instance());
    }

    private static PublicationRig start(PublicationProperties publication, String producerBootstrapServers,
                                        EventStorageEngine engine, TokenStore tokenStore,
                                        TransactionManager transactionManager) {
        return new PublicationRig(publication, producerBootstrapServers, engine, tokenStore,
                transactionManager).started();
    }

    /** Starts the configuration; a start that fails closes the producer. */
    private PublicationRig started() {
        try {
            configuration.start();
            awaitTokenInitialised();
        } catch (RuntimeException e) {
            sender.close();
            throw e;
        }
        return this;
    }

    /**
     * Until the processor has claimed its segment, and with it initialised its token: a test that publishes earlier
     * races the initial token (the tail of the store as it is then), and with the in-memory engine the tail taken
     * after the first append already covers that event.
     */
    private void awaitTokenInitialised() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !processor().processingStatus().isEmpty());
    }

    void publish(List<? extends EventMessage<?>> events) {
        configuration.eventStore().publish(events);
    }

    TrackingEventProcessor processor() {
        return configuration.eventProcessingConfiguration()
                            .eventProcessor(publication.processingGroup(), TrackingEventProcessor.class)
                            .orElseThrow();
    }

    boolean inError() {
        return processor().processingStatus().values().stream().anyMatch(status -> status.isErrorState());
    }

    /** The token the processor stored, i.e. the position up to which Kafka has acknowledged everything. */
    TrackingToken storedToken() {
        return tokenStore.fetchToken(publication.processingGroup(), 0);
    }

    /** Whether the stored token covers every event in the store. */
    boolean caughtUpWithStore() {
        TrackingToken head = configuration.eventStore().createHeadToken();
        TrackingToken stored = storedToken();
        return stored != null && head != null && stored.covers(head);
    }

    /**
     * A transaction manager whose transactions the token store does not take part in, as with a MongoDB token store
     * under a Spring transaction manager. Axon 4.13 stores tokens before processing when it sees any transaction
     * manager other than {@link NoTransactionManager}, counting on the rollback to undo that.
     */
    static TransactionManager nonParticipatingTransactionManager() {
        return () -> new Transaction() {
            @Override
            public void commit() {
            }

            @Override
            public void rollback() {
            }
        };
    }

    @Override
    public void close() {
        // The processor finishes its batch before the producer goes away.
        configuration.shutdown();
        sender.close();
    }
}
