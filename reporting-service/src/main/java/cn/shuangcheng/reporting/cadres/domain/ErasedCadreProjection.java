package cn.shuangcheng.reporting.cadres.domain;

import java.util.List;

import org.bson.Document;

import cn.shuangcheng.reporting.ingestion.domain.CadreContextEvents.CadrePersonalDataErased;
import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.Projection;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;
import org.springframework.stereotype.Component;

/**
 * One document per cadre whose personal data cadre-service erased: the cadreId and when. Reporting never held a
 * name or personnel number (its secondment documents do not even keep the cadreId), so an erasure changes no report;
 * the event is applied here, and kept in the event log like any other, instead of being dead-lettered as an unknown
 * type.
 */
@Component
public final class ErasedCadreProjection implements Projection {

    @Override
    public EventCatalog.Kind kind() {
        return EventCatalog.Kind.CADRE_ERASURE;
    }

    @Override
    public Document fold(String cadreId, List<StoredEvent> events) {
        Document document = new Document("_id", cadreId);
        for (StoredEvent event : events) {
            if (event.payload() instanceof CadrePersonalDataErased e && !document.containsKey("erasedAt")) {
                document.append("erasedAt", e.erasedAt());
            }
        }
        return document;
    }
}
