package cn.shuangcheng.reporting.ingestion.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import cn.shuangcheng.support.tracing.Traceparent;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * One consumer span per record, child of the trace context the CloudEvent carries ({@code ce_traceparent}), so that
 * the trace of the REST call that caused an event goes on into the read model. The span starts when the record is
 * read and ends when its batch is committed (or failed): records are applied a poll at a time, in one bulk write.
 */
public interface RecordSpans {

    String TRACEPARENT_HEADER = "ce_traceparent";

    /** The span of one record, ended by the consumer. */
    interface RecordSpan {
        void end(Throwable failure);
    }

    RecordSpan start(ConsumerRecord<String, byte[]> record);

    RecordSpans NONE = record -> failure -> { };

    /** Spans through Micrometer Tracing (OpenTelemetry underneath); records without a valid traceparent start a trace. */
    static RecordSpans of(Tracer tracer, String consumerGroup) {
        return record -> {
            Span.Builder builder = tracer.spanBuilder().name("apply " + record.topic()).kind(Span.Kind.CONSUMER)
                    .remoteServiceName("kafka")
                    .tag("messaging.system", "kafka")
                    .tag("messaging.operation.type", "process")
                    .tag("messaging.destination.name", record.topic())
                    .tag("messaging.consumer.group.name", consumerGroup)
                    .tag("messaging.destination.partition.id", Integer.toString(record.partition()))
                    .tag("messaging.kafka.offset", Long.toString(record.offset()));
            HeaderText.text(record, "ce_type").ifPresent(type -> builder.tag("cloudevents.event_type", type));
            HeaderText.text(record, TRACEPARENT_HEADER).flatMap(Traceparent::parse)
                    .ifPresent(parent -> builder.setParent(parent.toContext(tracer)));
            Span span = builder.start();
            return failure -> {
                if (failure != null) {
                    span.error(failure);
                }
                span.end();
            };
        };
    }
}
