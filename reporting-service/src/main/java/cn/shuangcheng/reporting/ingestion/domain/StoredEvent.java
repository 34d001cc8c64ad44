package cn.shuangcheng.reporting.ingestion.domain;

import java.time.Instant;

import org.bson.Document;

/**
 * One applied event as kept in {@code events_g<n>}: the timeline entry and the input of the fold. Its {@code _id}
 * is {@code <aggregateId>/<sequence>}, so storing the same event twice is the same upsert.
 */
public record StoredEvent(String aggregateId, long sequence, String eventId, String type, String eventName,
                          Instant time, String principal, String correlationId, Object payload, Document data) {

    public static String id(String aggregateId, long sequence) {
        return aggregateId + "/" + sequence;
    }

    public static StoredEvent of(IncomingEvent event) {
        return new StoredEvent(event.aggregateId(), event.sequence(), event.eventId(), event.type(), event.eventName(),
                event.time(), event.principal(), event.correlationId(), event.payload(), event.data());
    }

    public Document toDocument(String kind, IncomingEvent.Origin origin) {
        Document document = new Document("_id", id(aggregateId, sequence))
                .append("aggregateId", aggregateId).append("kind", kind).append("sequence", sequence)
                .append("eventId", eventId).append("type", type).append("eventName", eventName)
                .append("time", time.toString()).append("principal", principal).append("correlationId", correlationId)
                .append("data", data);
        if (origin != null) {
            document.append("origin", new Document("topic", origin.topic()).append("partition", origin.partition())
                    .append("offset", origin.offset()));
        }
        return document;
    }

    public static StoredEvent fromDocument(Document document, PayloadDecoder decoder) {
        Document data = document.get("data", Document.class);
        Object payload = EventCatalog.byType(document.getString("type"))
                .map(entry -> (Object) decoder.decode(data.toJson(), entry.payloadType()))
                .orElse(null);
        return new StoredEvent(document.getString("aggregateId"), ((Number) document.get("sequence")).longValue(),
                document.getString("eventId"), document.getString("type"), document.getString("eventName"),
                Instant.parse(document.getString("time")), document.getString("principal"),
                document.getString("correlationId"), payload, data);
    }
}
