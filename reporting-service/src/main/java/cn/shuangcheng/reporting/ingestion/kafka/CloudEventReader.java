package cn.shuangcheng.reporting.ingestion.kafka;

import cn.shuangcheng.support.logging.LogSafe;
import cn.shuangcheng.reporting.ingestion.domain.PayloadDecoder;
import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.IncomingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

import cn.shuangcheng.contracts.EventSchema;
import cn.shuangcheng.contracts.EventSchemas;
import cn.shuangcheng.contracts.SchemaViolation;
import cn.shuangcheng.reporting.ingestion.kafka.UnreadableRecordException.Kind;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a Kafka record into an {@link IncomingEvent}, or says precisely why it cannot: not a CloudEvent, a type
 * this consumer does not know for the topic's context, no usable subject or sequence, data that breaks the
 * published JSON Schema, data that does not fit the consumer's own copy of the event, an amount outside the API's
 * bounds, or data that cannot become a stored document. The reason becomes the dead-letter header.
 */
public final class CloudEventReader implements PayloadDecoder {

    private final Map<String, String> contextByTopic;
    private final EventSchemas schemas = EventSchemas.standard();
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** @param contextByTopic the contract context ({@code project}, {@code cadre}) each consumed topic carries */
    public CloudEventReader(Map<String, String> contextByTopic) {
        this.contextByTopic = Map.copyOf(contextByTopic);
    }

    /**
     * Never throws anything but {@link UnreadableRecordException} for a record's content: whatever else the parsers,
     * the schema validator or the converters throw on hostile data (a stack overflow on deep nesting included) is
     * an {@link Kind#UNCONVERTIBLE} record.
     */
    public IncomingEvent read(ConsumerRecord<String, byte[]> record) throws UnreadableRecordException {
        try {
            return readChecked(record);
        } catch (RuntimeException | StackOverflowError e) {
            throw new UnreadableRecordException(Kind.UNCONVERTIBLE, "cannot be read: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    private IncomingEvent readChecked(ConsumerRecord<String, byte[]> record) throws UnreadableRecordException {
        CloudEvent event = cloudEvent(record);
        String type = event.getType();
        EventCatalog.Entry entry = EventCatalog.byType(type)
                .orElseThrow(() -> new UnreadableRecordException(Kind.UNKNOWN_TYPE, "unknown event type " + type));
        String context = contextByTopic.get(record.topic());
        if (context != null && !context.equals(entry.context())) {
            throw new UnreadableRecordException(Kind.WRONG_TOPIC,
                    "event type " + type + " does not belong on topic " + record.topic());
        }
        String subject = event.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnreadableRecordException(Kind.NO_SUBJECT,
                    "CloudEvent " + event.getId() + " has no subject (aggregate id)");
        }
        if (!subject.equals(record.key())) {
            throw new UnreadableRecordException(Kind.KEY_MISMATCH, "record key " + LogSafe.text(record.key(), 80)
                    + " is not the subject " + LogSafe.text(subject, 80) + " (the aggregate id)");
        }
        long sequence = sequence(event);
        if (event.getData() == null) {
            throw new UnreadableRecordException(Kind.NO_DATA, "CloudEvent " + event.getId() + " has no data");
        }
        String data = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        Optional<EventSchema> schema = schemas.find(entry.context(), entry.eventName(), 1);
        if (schema.isPresent()) {
            List<SchemaViolation> violations = schema.get().validate(data);
            if (!violations.isEmpty()) {
                throw new UnreadableRecordException(Kind.SCHEMA_VIOLATION,
                        "data breaks " + schema.get().dataSchema() + ": "
                        + String.join("; ", violations.stream().map(SchemaViolation::message).toList()));
            }
        }
        Object payload;
        JsonNode tree;
        try {
            tree = json.readTree(data);
            payload = json.treeToValue(tree, entry.payloadType());
        } catch (JacksonException e) {
            throw new UnreadableRecordException(Kind.PAYLOAD_MISMATCH,
                    "data does not fit " + entry.eventName() + ": " + e.getOriginalMessage());
        }
        DataBounds.check(tree);
        Document document;
        try {
            document = Document.parse(data);
        } catch (RuntimeException e) {
            // e.g. {"$date":"nope"} in a property the event does not know: valid JSON, not valid extended JSON
            throw new UnreadableRecordException(Kind.UNCONVERTIBLE,
                    "data cannot be stored as a document: " + e.getMessage());
        }
        Instant time = event.getTime() == null ? Instant.ofEpochMilli(record.timestamp()) : event.getTime().toInstant();
        return new IncomingEvent(event.getId(), type, entry.context(), entry.eventName(), subject, sequence, time,
                extension(event, "principal"), extension(event, "correlationid"), payload, data, document,
                new IncomingEvent.Origin(record.topic(), record.partition(), record.offset()));
    }

    private static CloudEvent cloudEvent(ConsumerRecord<String, byte[]> record) throws UnreadableRecordException {
        try {
            MessageReader reader = KafkaMessageFactory.createReader(record);
            return reader.toEvent();
        } catch (RuntimeException e) {
            throw new UnreadableRecordException(Kind.NOT_A_CLOUDEVENT, "not a CloudEvent: " + e.getMessage());
        }
    }

    private static long sequence(CloudEvent event) throws UnreadableRecordException {
        Object value = event.getExtension("sequence");
        if (value == null) {
            throw new UnreadableRecordException(Kind.NO_SEQUENCE,
                    "CloudEvent " + event.getId() + " has no sequence extension");
        }
        try {
            long sequence = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().strip());
            if (sequence < 0) {
                throw new NumberFormatException("negative");
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw new UnreadableRecordException(Kind.NO_SEQUENCE,
                    "CloudEvent " + event.getId() + " has an invalid sequence: " + value);
        }
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }

    /** Decodes stored event data into the consumer's copy again (for folding the timeline). */
    @Override
    public <T> T decode(String data, Class<T> type) {
        return json.readValue(data, type);
    }
}
