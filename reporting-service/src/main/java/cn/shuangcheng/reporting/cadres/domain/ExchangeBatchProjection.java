package cn.shuangcheng.reporting.cadres.domain;

import org.bson.Document;

import cn.shuangcheng.reporting.ingestion.domain.CadreContextEvents.ExchangeBatchCreated;
import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.EventFold;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;

/** One document per exchange batch: number, year, dispatch day, quota and term. */
public final class ExchangeBatchProjection extends EventFold<Document> {

    public ExchangeBatchProjection() {
        super(EventCatalog.Kind.EXCHANGE_BATCH);
    }

    @Override
    protected Document start(String batchId) {
        return new Document("_id", batchId);
    }

    @Override
    protected void apply(Document document, StoredEvent event) {
        if (event.payload() instanceof ExchangeBatchCreated e) {
            document.append("number", e.number()).append("year", e.year())
                    .append("dispatchedOn", e.dispatchedOn().toString())
                    .append("quotaPerDirection", e.quotaPerDirection()).append("termMonths", e.termMonths());
        }
    }

    @Override
    protected Document finish(Document document) {
        return document;
    }
}
