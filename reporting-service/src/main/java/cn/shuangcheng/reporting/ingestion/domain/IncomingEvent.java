package cn.shuangcheng.reporting.ingestion.domain;

import java.time.Instant;

import org.bson.Document;

/**
 * One readable CloudEvent of the contract, as the consumer took it off a topic.
 *
 * @param context     {@code project} or {@code cadre}
 * @param eventName   e.g. {@code InvestmentRecorded}
 * @param aggregateId the CloudEvent's subject (= the record key)
 * @param sequence    the aggregate's sequence number of this event (extension {@code sequence}, from 0)
 * @param payload     the event data decoded into the consumer's own copy of the event ({@link EventCatalog})
 * @param json        the data as received
 * @param data        the data as the document stored in the timeline (parsed once, by the reader)
 */
public record IncomingEvent(String eventId, String type, String context, String eventName, String aggregateId,
                            long sequence, Instant time, String principal, String correlationId, Object payload,
                            String json, Document data, Origin origin) {

    /** Where the record was read. */
    public record Origin(String topic, int partition, long offset) {
    }
}
