package cn.shuangcheng.support.publication;

import java.util.concurrent.TimeUnit;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DefaultEventProcessorSpanFactory;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.tracing.NoOpSpanFactory;

/**
 * Wires publication into an Axon configuration: a tracking event processor named after the processing group, reading
 * the event store from its tail (everything ever stored), with {@link KafkaPublishingEventHandler} as its only
 * handler. Works the same with Spring Boot (as a {@link ConfigurerModule} bean) and with a plain Axon
 * {@link Configurer}, and does not care which event storage engine or token store the service uses.
 * <p>
 * The token may advance only after Kafka acknowledged; what this module sets up for that:
 * <ul>
 *   <li>{@link PropagatingErrorHandler} for both error handler levels of the group: Axon's default listener
 *       invocation error handler only logs, which would let the batch commit and its token advance.</li>
 *   <li>Rollback on any throwable, whatever default another part of the service configures.</li>
 *   <li>{@code storingTokensAfterProcessing()}: with any transaction manager other than Axon's
 *       {@code NoTransactionManager}, Axon 4.13 stores the token <em>before</em> the batch and relies on the
 *       transaction to undo it on failure. MongoDB token stores do not take part in such a transaction, so the token
 *       is stored in the prepare-commit phase instead, after the handler awaited the acknowledgements.</li>
 *   <li>A worker termination timeout longer than the send timeout, so that a clean shutdown finishes the running
 *       batch (and stores its token) instead of interrupting it, which would republish it after restart.</li>
 * </ul>
 * At start (before the processor starts) the topic is created if it does not exist; an unreachable Kafka fails the
 * start.
 */
public final class KafkaPublicationModule implements ConfigurerModule {

    private final PublicationProperties publication;
    private final KafkaPublishingEventHandler handler;
    private final PublicationTopicCreator topicCreator;

    public KafkaPublicationModule(PublicationProperties publication, KafkaPublishingEventHandler handler,
                                  PublicationTopicCreator topicCreator) {
        this.publication = publication;
        this.handler = handler;
        this.topicCreator = topicCreator;
    }

    @Override
    public void configureModule(Configurer configurer) {
        String group = publication.processingGroup();
        configurer.eventProcessing()
                  .registerEventHandler(config -> handler)
                  .assignHandlerInstancesMatching(group, Integer.MAX_VALUE, candidate -> candidate == handler)
                  .registerEventProcessor(group, this::trackingProcessor)
                  .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance())
                  .registerErrorHandler(group, config -> PropagatingErrorHandler.instance())
                  .registerRollbackConfiguration(group, config -> RollbackConfigurationType.ANY_THROWABLE);
        // Processors start in phase INBOUND_EVENT_CONNECTORS, after this one.
        configurer.onStart(Phase.OUTBOUND_EVENT_CONNECTORS, topicCreator::ensureTopicExists);
    }

    private EventProcessor trackingProcessor(String name, Configuration config, EventHandlerInvoker invoker) {
        EventProcessingConfiguration processing = config.eventProcessingConfiguration();
        long terminationTimeoutMs = publication.sendTimeout().toMillis() + 10_000;
        TrackingEventProcessorConfiguration tepConfig = TrackingEventProcessorConfiguration
                .forSingleThreadedProcessing()
                .andBatchSize(publication.batchSize())
                .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                .andWorkerTerminationTimeout(terminationTimeoutMs, TimeUnit.MILLISECONDS);
        return TrackingEventProcessor.builder()
                                     .name(name)
                                     .eventHandlerInvoker(invoker)
                                     .rollbackConfiguration(processing.rollbackConfiguration(name))
                                     .errorHandler(processing.errorHandler(name))
                                     .messageMonitor(config.messageMonitor(TrackingEventProcessor.class, name))
                                     .messageSource(config.eventStore())
                                     .tokenStore(processing.tokenStore(name))
                                     .transactionManager(processing.transactionManager(name))
                                     .trackingEventProcessorConfiguration(tepConfig)
                                     .spanFactory(config.getComponent(EventProcessorSpanFactory.class,
                                             () -> DefaultEventProcessorSpanFactory.builder()
                                                     .spanFactory(NoOpSpanFactory.INSTANCE).build()))
                                     .storingTokensAfterProcessing()
                                     .build();
    }
}
