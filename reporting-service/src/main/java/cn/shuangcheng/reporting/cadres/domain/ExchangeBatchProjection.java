package cn.shuangcheng.reporting.cadres.domain;

import org.bson.Document;

import cn.shuangcheng.reporting.ingestion.domain.CadreContextEvents.ExchangeBatchCreated;
import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.DocumentFold;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;

/** One document per exchange batch: number, year, dispatch day, quota and term. */
public final class ExchangeBatchProjection extends DocumentFold {

    public ExchangeBatchProjection() {
        super(EventCatalog.Kind.EXCHANGE_BATCH);
    }

    @Override
    protected void apply(Document document, StoredEvent event) {
        if (event.payload() instanceof ExchangeBatchCreated e) {
            document.append("number", e.number()).append("year", e.year())
                    .append("dispatchedOn", e.dispatchedOn().toString())
                    .append("quotaPerDirection", e.quotaPerDirection()).append("termMonths", e.termMonths());
        }
    }
}
