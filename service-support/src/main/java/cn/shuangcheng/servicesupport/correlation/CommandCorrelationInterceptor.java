package cn.shuangcheng.servicesupport.correlation;

import cn.shuangcheng.support.correlation.CorrelationFilter;
import cn.shuangcheng.support.correlation.CorrelationKeys;
import cn.shuangcheng.support.correlation.Principals;
import cn.shuangcheng.support.correlation.RequestCorrelation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Stamps every command with who caused it and why, when it is dispatched (on the caller's thread,
 * so the request's security context and {@link RequestCorrelation} are at hand):
 *
 * <ul>
 * <li>{@code principal}: from the authenticated caller ({@link Principals});</li>
 * <li>{@code correlationId}: the request's correlation id;</li>
 * <li>{@code traceparent}: the W3C trace context of the request's server span (see {@code CorrelationFilter}), or
 * without tracing the caller's valid traceparent.</li>
 * </ul>
 *
 * Values from the current request and caller replace whatever the message carries, so a caller
 * cannot be misnamed by metadata a controller copied from the request body. Outside a request
 * (a scheduler, an event handler, a worker finishing an intake batch) the message keeps what it
 * was given or inherited from the message being handled; if it then still has no correlation id,
 * its own identifier becomes one, as Axon's default MessageOriginProvider would have done.
 */
public class CommandCorrelationInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.andMetaData(correlationData(command));
    }

    private static Map<String, Object> correlationData(CommandMessage<?> command) {
        Map<String, Object> data = new HashMap<>();
        Principals.current().ifPresent(principal -> data.put(CorrelationKeys.PRINCIPAL, principal));
        RequestCorrelation.current().ifPresent(request -> {
            data.put(CorrelationKeys.CORRELATION_ID, request.correlationId());
            if (request.traceparent() != null) {
                data.put(CorrelationKeys.TRACEPARENT, request.traceparent());
            }
        });
        if (!data.containsKey(CorrelationKeys.CORRELATION_ID)
                && !command.getMetaData().containsKey(CorrelationKeys.CORRELATION_ID)) {
            data.put(CorrelationKeys.CORRELATION_ID, command.getIdentifier());
        }
        return data;
    }
}
