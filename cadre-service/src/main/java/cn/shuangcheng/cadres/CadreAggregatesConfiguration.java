package cn.shuangcheng.cadres;

import cn.shuangcheng.cadres.erasure.domain.CadreErasure;
import cn.shuangcheng.cadres.exchange.domain.ExchangeBatch;
import cn.shuangcheng.cadres.exchange.domain.Secondment;
import cn.shuangcheng.cadres.exchange.query.SecondmentProjection;
import cn.shuangcheng.cadres.exchange.query.SecondmentViews;
import cn.shuangcheng.servicesupport.deadletter.DeadLetterQueues;
import cn.shuangcheng.servicesupport.eventstore.CachedAggregates;
import cn.shuangcheng.servicesupport.deadletter.ErrorContainingHandler;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Registers the aggregates and the read model's processor with Axon here, rather than with Axon's Spring
 * stereotypes, so that the domain stays free of Spring. The aggregates (and the erasure record, {@link CadreErasure})
 * are event sourced from the event store that
 * service-support configures; the secondment read model has a tracking processor of its own. An event the projection
 * fails on for the event's own sake is parked in the dead-letter store (with the later events of its secondment
 * behind it, listed and retried or dropped at {@code /api/v1/admin/dead-letters}); a failure of MongoDB is retried
 * rather than skipped (a skipped event would leave the model wrong for good). An {@link Error} the projection raises
 * (an OutOfMemoryError, say) is parked like an exception rather than ending the processor's thread.
 */
@Configuration(proxyBeanMethods = false)
class CadreAggregatesConfiguration {

    static final String READ_MODEL_PROCESSOR = SecondmentProjection.PROCESSING_GROUP;

    /**
     * The aggregates are cached between commands (checked against the store before each use: a full batch is 1,001
     * events, replayed by every registration and every read of it otherwise), and a request waits for one at most
     * {@code shuangcheng.eventstore.aggregate-lock-wait}, as in project-service ({@link CachedAggregates}).
     */
    @Bean
    ConfigurerModule cadreAggregates(CachedAggregates aggregates, SecondmentViews views,
                                     ObjectProvider<DeadLetterQueues> deadLetters) {
        SecondmentProjection projection = new SecondmentProjection(views);
        return configurer -> {
            configurer.configureAggregate(aggregates.configuration(ExchangeBatch.class))
                    .configureAggregate(aggregates.configuration(Secondment.class))
                    .configureAggregate(aggregates.configuration(CadreErasure.class));
            EventProcessingConfigurer processing = configurer.eventProcessing();
            deadLetters.ifAvailable(queues -> queues.registerFor(processing, READ_MODEL_PROCESSOR));
            processing.registerEventHandler(config -> new ErrorContainingHandler(new AnnotationEventHandlerAdapter(
                            projection, config.parameterResolverFactory(),
                            config.handlerDefinition(SecondmentProjection.class))))
                    .assignHandlerInstancesMatching(READ_MODEL_PROCESSOR, candidate ->
                            candidate instanceof ErrorContainingHandler handler
                                    && handler.getTargetType() == SecondmentProjection.class)
                    .registerTrackingEventProcessor(READ_MODEL_PROCESSOR)
                    .registerListenerInvocationErrorHandler(READ_MODEL_PROCESSOR,
                            config -> PropagatingErrorHandler.instance());
        };
    }

    /** Command handlers ask for the clock to refuse dates in the future; tests fix it. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Asia/Shanghai"));
    }
}
