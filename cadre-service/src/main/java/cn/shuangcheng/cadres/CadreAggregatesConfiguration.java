package cn.shuangcheng.cadres;

import cn.shuangcheng.cadres.exchange.domain.ExchangeBatch;
import cn.shuangcheng.cadres.exchange.domain.Secondment;
import cn.shuangcheng.cadres.exchange.query.SecondmentProjection;
import cn.shuangcheng.cadres.exchange.query.SecondmentViews;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Registers the aggregates and the read model's processor with Axon here, rather than with Axon's Spring
 * stereotypes, so that the domain stays free of Spring. Both aggregates are event sourced from the event store that
 * service-support configures; the secondment read model has a tracking processor of its own, whose errors are
 * retried rather than skipped (a skipped event would leave the model wrong for good).
 */
@Configuration(proxyBeanMethods = false)
class CadreAggregatesConfiguration {

    static final String READ_MODEL_PROCESSOR = "secondment-read-model";

    @Bean
    ConfigurerModule cadreAggregates(SecondmentViews views) {
        SecondmentProjection projection = new SecondmentProjection(views);
        return configurer -> {
            configurer.configureAggregate(ExchangeBatch.class).configureAggregate(Secondment.class);
            configurer.eventProcessing()
                    .registerEventHandler(config -> projection)
                    .assignHandlerInstancesMatching(READ_MODEL_PROCESSOR, candidate -> candidate == projection)
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
