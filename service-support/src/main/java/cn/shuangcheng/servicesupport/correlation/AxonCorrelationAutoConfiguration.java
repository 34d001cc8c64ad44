package cn.shuangcheng.servicesupport.correlation;

import cn.shuangcheng.support.correlation.CorrelationAutoConfiguration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Correlation in Axon: the command dispatch interceptor on the CommandBus, and the correlation data provider that
 * carries the keys from commands to events. The servlet filter that sets the request's correlation id is
 * web-support's {@link CorrelationAutoConfiguration}.
 *
 * <p>Runs before Axon's auto-configuration so that its default MessageOriginProvider, declared
 * {@code @ConditionalOnMissingBean(CorrelationDataProvider)}, backs off for ours.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnClass(CommandBus.class)
public class AxonCorrelationAutoConfiguration {

    @Bean
    CorrelationDataProvider correlationMetadataProvider() {
        return new CorrelationMetadataProvider();
    }

    /**
     * Registered directly on the CommandBus (not exposed as a MessageDispatchInterceptor bean,
     * which Axon would also put on the CommandGateway and so run twice), so that commands sent
     * through the bus without the gateway are stamped as well. Registering at bean
     * initialisation guarantees it is in place before the web server takes requests.
     */
    @Bean
    InitializingBean commandCorrelationInterceptorRegistration(ObjectProvider<CommandBus> commandBus) {
        return () -> commandBus.ifAvailable(bus -> bus.registerDispatchInterceptor(new CommandCorrelationInterceptor()));
    }
}
