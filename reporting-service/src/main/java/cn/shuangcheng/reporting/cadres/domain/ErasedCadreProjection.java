package cn.shuangcheng.reporting.cadres.domain;

import org.bson.Document;

import cn.shuangcheng.reporting.ingestion.domain.CadreContextEvents.CadrePersonalDataErased;
import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.DocumentFold;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;

/**
 * One document per cadre whose personal data cadre-service erased: the cadreId and when. Reporting never held a
 * name or personnel number (its secondment documents do not even keep the cadreId), so an erasure changes no report;
 * the event is applied here, and kept in the event log like any other, instead of being dead-lettered as an unknown
 * type.
 */
public final class ErasedCadreProjection extends DocumentFold {

    public ErasedCadreProjection() {
        super(EventCatalog.Kind.CADRE_ERASURE);
    }

    @Override
    protected void apply(Document document, StoredEvent event) {
        if (event.payload() instanceof CadrePersonalDataErased e && !document.containsKey("erasedAt")) {
            document.append("erasedAt", e.erasedAt());
        }
    }
}
