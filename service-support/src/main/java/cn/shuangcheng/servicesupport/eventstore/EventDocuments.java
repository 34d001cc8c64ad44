package cn.shuangcheng.servicesupport.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.time.Instant;

/**
 * The shape of one stored event (and snapshot) document. Field names follow Axon's own Mongo and JDBC schemas so
 * that people who know Axon recognise them in the mongo shell.
 */
final class EventDocuments {

    static final String GLOBAL_INDEX = "_id";
    static final String AGGREGATE_IDENTIFIER = "aggregateIdentifier";
    static final String SEQUENCE_NUMBER = "sequenceNumber";
    static final String TYPE = "type";
    static final String EVENT_IDENTIFIER = "eventIdentifier";
    static final String TIMESTAMP = "timeStamp";
    /** When the store reserved the global index of this event (the appending node's clock); ages tracking gaps. */
    static final String APPENDED_AT = "appendedAt";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";

    private EventDocuments() {
    }

    /**
     * The filter of one event, as a plain document of both fields of the unique (aggregate, sequence) index: an
     * exact match of that index, which the stand-in answers by a look-up and MongoDB by the index.
     */
    static BsonDocument eventAt(String aggregateIdentifier, long sequenceNumber) {
        return new BsonDocument(AGGREGATE_IDENTIFIER, new BsonString(aggregateIdentifier))
                .append(SEQUENCE_NUMBER, new BsonInt64(sequenceNumber));
    }

    /** The event's fields without the global index and append time, which are known only after reservation. */
    static BsonDocument eventFields(DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        BsonDocument fields = new BsonDocument();
        fields.put(AGGREGATE_IDENTIFIER, new BsonString(event.getAggregateIdentifier()));
        fields.put(SEQUENCE_NUMBER, new BsonInt64(event.getSequenceNumber()));
        fields.put(TYPE, nullable(event.getType()));
        fields.put(EVENT_IDENTIFIER, new BsonString(event.getIdentifier()));
        fields.put(TIMESTAMP, new BsonDateTime(event.getTimestamp().toEpochMilli()));
        fields.put(PAYLOAD_TYPE, new BsonString(payload.getType().getName()));
        fields.put(PAYLOAD_REVISION, nullable(payload.getType().getRevision()));
        fields.put(PAYLOAD, JsonBsonConverter.toBson(payload.getData()));
        fields.put(META_DATA, JsonBsonConverter.toBson(metaData.getData()));
        return fields;
    }

    /** The document to insert: global index first, so that it reads naturally in the shell. */
    static BsonDocument eventDocument(long globalIndex, Instant appendedAt, BsonDocument eventFields) {
        BsonDocument document = new BsonDocument(GLOBAL_INDEX, new BsonInt64(globalIndex));
        document.putAll(eventFields);
        document.put(APPENDED_AT, new BsonDateTime(appendedAt.toEpochMilli()));
        return document;
    }

    /** A snapshot document keyed by its aggregate: the collection holds only the latest snapshot per aggregate. */
    static BsonDocument snapshotDocument(DomainEventMessage<?> snapshot, Serializer serializer) {
        BsonDocument document = new BsonDocument(GLOBAL_INDEX, new BsonString(snapshot.getAggregateIdentifier()));
        document.putAll(eventFields(snapshot, serializer));
        return document;
    }

    static DomainEventData<String> toDomainEventData(BsonDocument document) {
        return new GenericDomainEventEntry<>(
                stringOrNull(document.get(TYPE)),
                document.getString(AGGREGATE_IDENTIFIER).getValue(),
                document.getNumber(SEQUENCE_NUMBER).longValue(),
                document.getString(EVENT_IDENTIFIER).getValue(),
                Instant.ofEpochMilli(document.getDateTime(TIMESTAMP).getValue()),
                document.getString(PAYLOAD_TYPE).getValue(),
                stringOrNull(document.get(PAYLOAD_REVISION)),
                JsonBsonConverter.toJson(document.get(PAYLOAD)),
                JsonBsonConverter.toJson(document.get(META_DATA)));
    }

    static long globalIndex(BsonDocument document) {
        return document.getNumber(GLOBAL_INDEX).longValue();
    }

    static Instant appendedAt(BsonDocument document) {
        return Instant.ofEpochMilli(document.getDateTime(APPENDED_AT).getValue());
    }

    private static BsonValue nullable(String value) {
        return value == null ? BsonNull.VALUE : new BsonString(value);
    }

    private static String stringOrNull(BsonValue value) {
        return value == null || value.isNull() ? null : value.asString().getValue();
    }
}
