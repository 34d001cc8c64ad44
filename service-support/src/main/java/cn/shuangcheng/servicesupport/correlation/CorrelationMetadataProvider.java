package cn.shuangcheng.servicesupport.correlation;

import cn.shuangcheng.support.correlation.CorrelationKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies {@code principal}, {@code correlationId} and {@code traceparent} from the message being
 * handled (a command) to every message created while handling it: the events its aggregate applies,
 * and commands an event handler sends in turn. That is what makes the event store the audit trail.
 *
 * <p>It replaces Axon's default MessageOriginProvider, which would overwrite {@code correlationId}
 * with the id of the command message and add a {@code traceId} nobody reads.
 */
public class CorrelationMetadataProvider implements CorrelationDataProvider {

    private static final List<String> KEYS =
            List.of(CorrelationKeys.PRINCIPAL, CorrelationKeys.CORRELATION_ID, CorrelationKeys.TRACEPARENT);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : KEYS) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        return data;
    }
}
