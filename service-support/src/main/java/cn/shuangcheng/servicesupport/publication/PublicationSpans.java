package cn.shuangcheng.servicesupport.publication;

import org.axonframework.eventhandling.DomainEventMessage;

import cn.shuangcheng.support.tracing.Traceparent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * A producer span per published event, child of the trace context in the event's metadata (the request that caused
 * it), ending when Kafka acknowledged the record or the send failed. Its context is what the CloudEvent carries as
 * {@code traceparent}, so consumers' spans hang below the publication, and the trace shows how long the event took
 * from the request to Kafka.
 */
public interface PublicationSpans {

    /** The span of one event's publication. */
    interface Publishing {

        /** The trace context for the CloudEvent's {@code traceparent}, or null to take the event's own. */
        String traceparent();

        void end(Throwable failure);
    }

    Publishing start(DomainEventMessage<?> event, String cloudEventType);

    /** No spans: the CloudEvent carries the trace context of the event's metadata as it is. */
    PublicationSpans NONE = (event, type) -> new Publishing() {
        @Override
        public String traceparent() {
            return null;
        }

        @Override
        public void end(Throwable failure) {
        }
    };

    static PublicationSpans of(Tracer tracer, String topic) {
        return (event, type) -> {
            Span.Builder builder = tracer.spanBuilder().name("publish " + topic).kind(Span.Kind.PRODUCER)
                    .remoteServiceName("kafka")
                    .tag("messaging.system", "kafka")
                    .tag("messaging.operation.type", "send")
                    .tag("messaging.destination.name", topic)
                    .tag("cloudevents.event_type", type)
                    .tag("cloudevents.event_id", event.getIdentifier());
            Object metadata = event.getMetaData().get(CloudEventMapper.TRACEPARENT);
            Traceparent.parse(metadata == null ? null : metadata.toString())
                    .ifPresent(parent -> builder.setParent(parent.toContext(tracer)));
            Span span = builder.start();
            // null (keep the event's own) when the tracer is a no-op one
            String traceparent = Traceparent.valid(span.context()).map(Traceparent::toString).orElse(null);
            return new Publishing() {
                @Override
                public String traceparent() {
                    return traceparent;
                }

                @Override
                public void end(Throwable failure) {
                    if (failure != null) {
                        span.error(failure);
                    }
                    span.end();
                }
            };
        };
    }
}
