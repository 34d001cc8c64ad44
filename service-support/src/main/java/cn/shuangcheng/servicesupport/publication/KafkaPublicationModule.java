package cn.shuangcheng.servicesupport.publication;

import java.util.concurrent.TimeUnit;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DefaultEventProcessorSpanFactory;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.tracing.NoOpSpanFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.shuangcheng.servicesupport.deadletter.DeadLetterQueues;
import cn.shuangcheng.servicesupport.deadletter.ErrorContainingHandler;
import cn.shuangcheng.servicesupport.publication.PublicationTopicCreator.KafkaUnavailableException;

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
 *       is stored in the prepare-commit phase instead, after the batch's acknowledgements were awaited (by the
 *       handler, or by its {@link KafkaPublishingEventHandler#batchEnd() interceptor} when the batch's last event
 *       was parked without reaching it).</li>
 *   <li>With a dead-letter queue, Axon's dead-lettering invoker around the handler: an event the publication fails
 *       on for the event's own sake is parked with the later events of its aggregate, the others go on; a failure
 *       of Kafka is thrown on by the policy and retried as before. An {@link Error} raised by handling an event is
 *       turned into an exception ({@link ErrorContainingHandler}) so that it is parked rather than killing the
 *       processor's thread.</li>
 *   <li>A worker termination timeout longer than the send timeout, so that a clean shutdown finishes the running
 *       batch (and stores its token) instead of interrupting it, which would republish it after restart.</li>
 * </ul>
 * At start (before the processor starts) the topic is created if it does not exist. A Kafka that does not answer
 * does not fail the start: the write API needs only MongoDB, and a service that could not start while Kafka is away
 * would crash-loop through the outage and stay down after it. A Kafka that answers no (authentication, ACLs, a
 * replication factor it cannot give) does fail it: waiting does not cure that. Every batch requires the topic first
 * ({@link PublicationTopicCreator#requireReady()}, in a handler interceptor, never waiting): until Kafka answers the
 * batch fails and the processor retries it with its backoff, and nothing is sent before the topic exists as created
 * here.
 */
public final class KafkaPublicationModule implements ConfigurerModule {

    private static final Logger log = LoggerFactory.getLogger(KafkaPublicationModule.class);

    private final PublicationProperties publication;
    private final EventMessageHandler handler;
    private final MessageHandlerInterceptor<EventMessage<?>> batchEnd;
    private final PublicationTopicCreator topicCreator;
    private final DeadLetterQueues deadLetters;

    /** Publication without a dead-letter queue: an event that cannot be published stops the processor. */
    public KafkaPublicationModule(PublicationProperties publication, KafkaPublishingEventHandler handler,
                                  PublicationTopicCreator topicCreator) {
        this(publication, handler, topicCreator, null);
    }

    /**
     * Publication that parks an event it cannot publish for the event's own sake in {@code deadLetters} (with the
     * later events of its aggregate behind it), and goes on with the others.
     */
    public KafkaPublicationModule(PublicationProperties publication, KafkaPublishingEventHandler handler,
                                  PublicationTopicCreator topicCreator, DeadLetterQueues deadLetters) {
        this.publication = publication;
        this.handler = new ErrorContainingHandler(handler);
        this.batchEnd = handler.batchEnd();
        this.topicCreator = topicCreator;
        this.deadLetters = deadLetters;
    }

    @Override
    public void configureModule(Configurer configurer) {
        String group = publication.processingGroup();
        if (deadLetters != null) {
            deadLetters.registerFor(configurer.eventProcessing(), group);
        }
        configurer.eventProcessing()
                  .registerEventHandler(config -> handler)
                  .assignHandlerInstancesMatching(group, Integer.MAX_VALUE, candidate -> candidate == handler)
                  .registerEventProcessor(group, this::trackingProcessor)
                  .registerHandlerInterceptor(group, config -> topicReady())
                  .registerHandlerInterceptor(group, config -> batchEnd)
                  .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance())
                  .registerErrorHandler(group, config -> PropagatingErrorHandler.instance())
                  .registerRollbackConfiguration(group, config -> RollbackConfigurationType.ANY_THROWABLE);
        // Processors start in phase INBOUND_EVENT_CONNECTORS, after this one.
        configurer.onStart(Phase.OUTBOUND_EVENT_CONNECTORS, this::createTopicIfKafkaAnswers);
    }

    private void createTopicIfKafkaAnswers() {
        try {
            topicCreator.ensureReady();
        } catch (KafkaUnavailableException e) {
            if (!e.kafkaDidNotAnswer()) {
                throw e;
            }
            log.warn("Starting without Kafka: events are stored and published once it answers. {}", e.getMessage());
        }
    }

    /** Before each event: the topic must exist, as created here, before anything is sent to it. */
    private MessageHandlerInterceptor<EventMessage<?>> topicReady() {
        return (unitOfWork, chain) -> {
            topicCreator.requireReady();
            return chain.proceed();
        };
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
