package cn.shuangcheng.reporting.agenda.domain;

import org.bson.Document;

import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.EventFold;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.AgendaItemCreated;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.AgendaItemDelivered;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.AgendaItemDropped;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.AgendaItemProgressed;
import cn.shuangcheng.reporting.ingestion.domain.ProjectContextEvents.AgendaItemVerified;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;

/** The three-lists read model: one document per item with its list, due date, status and the day of each step. */
public final class AgendaProjection extends EventFold<AgendaProjection.State> {

    public AgendaProjection() {
        super(EventCatalog.Kind.AGENDA_ITEM);
    }

    static final class State {
        final Document document;
        String status;

        State(String itemId) {
            document = new Document("_id", itemId);
        }
    }

    @Override
    protected State start(String itemId) {
        return new State(itemId);
    }

    @Override
    protected void apply(State state, StoredEvent event) {
        String day = event.time().toString().substring(0, 10);
        Document document = state.document;
        Object payload = event.payload();
        if (payload instanceof AgendaItemCreated e) {
            document.append("list", e.list()).append("title", e.title()).append("source", e.source())
                    .append("ownerUnits", e.ownerUnits())
                    .append("dueOn", e.dueOn() == null ? null : e.dueOn().toString())
                    .append("projectIds", e.projectIds()).append("createdOn", day);
            state.status = state.status == null ? "OPEN" : state.status;
        } else if (payload instanceof AgendaItemProgressed e) {
            state.status = "IN_PROGRESS";
        } else if (payload instanceof AgendaItemDelivered e) {
            state.status = "DELIVERED";
            document.append("deliveredOn", day);
        } else if (payload instanceof AgendaItemVerified e) {
            state.status = "VERIFIED";
            document.append("verifiedOn", day);
        } else if (payload instanceof AgendaItemDropped e) {
            state.status = "DROPPED";
            document.append("droppedOn", day);
        }
    }

    @Override
    protected Document finish(State state) {
        return state.document.append("status", state.status);
    }
}
