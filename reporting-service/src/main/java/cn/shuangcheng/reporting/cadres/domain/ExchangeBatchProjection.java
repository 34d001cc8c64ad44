package cn.shuangcheng.reporting.cadres.domain;

import java.util.List;

import org.bson.Document;

import cn.shuangcheng.reporting.ingestion.domain.CadreContextEvents.ExchangeBatchCreated;
import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.Projection;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;
import org.springframework.stereotype.Component;

/** One document per exchange batch: number, year, dispatch day, quota and term. */
@Component
public final class ExchangeBatchProjection implements Projection {

    @Override
    public EventCatalog.Kind kind() {
        return EventCatalog.Kind.EXCHANGE_BATCH;
    }

    @Override
    public Document fold(String batchId, List<StoredEvent> events) {
        Document document = new Document("_id", batchId);
        for (StoredEvent event : events) {
            if (event.payload() instanceof ExchangeBatchCreated e) {
                document.append("number", e.number()).append("year", e.year())
                        .append("dispatchedOn", e.dispatchedOn().toString())
                        .append("quotaPerDirection", e.quotaPerDirection()).append("termMonths", e.termMonths());
            }
        }
        return document;
    }
}
