package cn.shuangcheng.servicesupport.correlation;

import cn.shuangcheng.kernel.AnsweredRequests;
import cn.shuangcheng.support.correlation.CorrelationKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies {@code principal}, {@code correlationId} and {@code traceparent} from the message being
 * handled (a command) to every message created while handling it: the events its aggregate applies,
 * and commands an event handler sends in turn. That is what makes the event store the audit trail.
 *
 * <p>A command's {@code requestId} and {@code requestDigest} (kernel's {@link AnsweredRequests}: the request it carries
 * out, named by an {@code Idempotency-Key}) go only to what that command applies, not further: an event handler's
 * command is another request.
 *
 * <p>It replaces Axon's default MessageOriginProvider, which would overwrite {@code correlationId}
 * with the id of the command message and add a {@code traceId} nobody reads.
 */
public class CorrelationMetadataProvider implements CorrelationDataProvider {

    private static final List<String> KEYS =
            List.of(CorrelationKeys.PRINCIPAL, CorrelationKeys.CORRELATION_ID, CorrelationKeys.TRACEPARENT);
    private static final List<String> REQUEST_KEYS = List.of(AnsweredRequests.REQUEST_ID,
            AnsweredRequests.REQUEST_DIGEST);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        copy(message, KEYS, data);
        if (message instanceof CommandMessage<?>) {
            copy(message, REQUEST_KEYS, data);
        }
        return data;
    }

    private static void copy(Message<?> message, List<String> keys, Map<String, Object> data) {
        for (String key : keys) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
    }
}
