package cn.shuangcheng.reporting.ingestion.domain;

/**
 * Turns an event's stored JSON data back into the consumer's copy of the event ({@link EventCatalog}): what the
 * projector needs to fold stored events again, without knowing how the records were read (the Kafka adapter's
 * CloudEventReader is the one implementation).
 */
@FunctionalInterface
public interface PayloadDecoder {

    <T> T decode(String data, Class<T> type);
}
