package cn.shuangcheng.reporting.agenda.domain;

import java.util.List;

import org.bson.Document;

import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.Projection;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.AgendaItemCreated;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.AgendaItemDelivered;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.AgendaItemDropped;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.AgendaItemProgressed;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.AgendaItemVerified;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;
import org.springframework.stereotype.Component;

/** The three-lists read model: one document per item with its list, due date, status and the day of each step. */
@Component
public final class AgendaProjection implements Projection {

    @Override
    public EventCatalog.Kind kind() {
        return EventCatalog.Kind.AGENDA_ITEM;
    }

    @Override
    public Document fold(String itemId, List<StoredEvent> events) {
        Document document = new Document("_id", itemId);
        String status = null;
        for (StoredEvent event : events) {
            String day = event.time().toString().substring(0, 10);
            Object payload = event.payload();
            if (payload instanceof AgendaItemCreated e) {
                document.append("list", e.list()).append("title", e.title()).append("source", e.source())
                        .append("ownerUnits", e.ownerUnits())
                        .append("dueOn", e.dueOn() == null ? null : e.dueOn().toString())
                        .append("projectIds", e.projectIds()).append("createdOn", day);
                status = status == null ? "OPEN" : status;
            } else if (payload instanceof AgendaItemProgressed e) {
                status = "IN_PROGRESS";
            } else if (payload instanceof AgendaItemDelivered e) {
                status = "DELIVERED";
                document.append("deliveredOn", day);
            } else if (payload instanceof AgendaItemVerified e) {
                status = "VERIFIED";
                document.append("verifiedOn", day);
            } else if (payload instanceof AgendaItemDropped e) {
                status = "DROPPED";
                document.append("droppedOn", day);
            }
        }
        return document.append("status", status);
    }
}
