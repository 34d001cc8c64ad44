package cn.shuangcheng.servicesupport.publication;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import cn.shuangcheng.contracts.EventTypes;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * Turns one stored domain event into the CloudEvent of the published contract: id = event identifier, source =
 * {@code urn:shuangcheng:<service>}, type = {@code shuangcheng.<context>.<EventName>.v1}, subject = aggregate id,
 * extensions {@code sequence}, and {@code principal}, {@code correlationid}, {@code traceparent} when the event's
 * metadata has them. The data is the payload record as JSON.
 */
public final class CloudEventMapper {

    /** Metadata keys agreed for commands and events. */
    public static final String PRINCIPAL = "principal";
    public static final String CORRELATION_ID = "correlationId";
    public static final String TRACEPARENT = "traceparent";

    static final String CONTENT_TYPE = "application/json";
    /** Every event type is at version 1 until a breaking change gives it a new type (and topic). */
    private static final int VERSION = 1;

    private final URI source;
    private final String context;
    private final ObjectMapper objectMapper;

    public CloudEventMapper(String serviceName, String context) {
        this(serviceName, context, payloadObjectMapper());
    }

    public CloudEventMapper(String serviceName, String context, ObjectMapper objectMapper) {
        this.source = URI.create(EventTypes.source(serviceName));
        this.context = context;
        this.objectMapper = objectMapper;
    }

    /**
     * The JSON of the contract: dates and months as ISO strings ("2023-02-10", "2023-01"), amounts (long yuan) as
     * integers. Jackson 2, the same major version as Axon's serializer, so a payload that Axon can store can be
     * published.
     */
    public static ObjectMapper payloadObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
    }

    public CloudEvent toCloudEvent(DomainEventMessage<?> event) {
        String eventName = event.getPayloadType().getSimpleName();
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.getIdentifier())
                .withSource(source)
                .withType(EventTypes.type(context, eventName, VERSION))
                .withSubject(event.getAggregateIdentifier())
                .withTime(OffsetDateTime.ofInstant(event.getTimestamp(), ZoneOffset.UTC))
                .withDataContentType(CONTENT_TYPE)
                .withDataSchema(URI.create(EventTypes.dataSchema(context, eventName, VERSION)))
                .withExtension("sequence", event.getSequenceNumber())
                .withData(json(event));
        MetaData metaData = event.getMetaData();
        copyIfPresent(metaData, PRINCIPAL, "principal", builder);
        copyIfPresent(metaData, CORRELATION_ID, "correlationid", builder);
        copyIfPresent(metaData, TRACEPARENT, "traceparent", builder);
        return builder.build();
    }

    /** The same CloudEvent with another {@code traceparent} (the context of the span that publishes it). */
    public static CloudEvent withTraceparent(CloudEvent event, String traceparent) {
        return CloudEventBuilder.v1(event).withExtension("traceparent", traceparent).build();
    }

    private byte[] json(DomainEventMessage<?> event) {
        try {
            return objectMapper.writeValueAsBytes(event.getPayload());
        } catch (JsonProcessingException e) {
            // Not retryable by waiting, but publishing must not skip an event: the processor retries and shows
            // the error until the payload class is fixed.
            throw new IllegalStateException("Cannot write " + event.getPayloadType().getName() + " of event "
                    + event.getIdentifier() + " as JSON", e);
        }
    }

    private static void copyIfPresent(MetaData metaData, String key, String extension, CloudEventBuilder builder) {
        Object value = metaData.get(key);
        if (value != null && !value.toString().isBlank()) {
            builder.withExtension(extension, value.toString());
        }
    }
}
