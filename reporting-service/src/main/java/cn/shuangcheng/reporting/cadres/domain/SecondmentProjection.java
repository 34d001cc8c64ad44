package cn.shuangcheng.reporting.cadres.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;

import cn.shuangcheng.reporting.ingestion.domain.CadreContextEvents.CadreArrived;
import cn.shuangcheng.reporting.ingestion.domain.CadreContextEvents.ContributionRecorded;
import cn.shuangcheng.reporting.ingestion.domain.CadreContextEvents.SecondmentCompleted;
import cn.shuangcheng.reporting.ingestion.domain.CadreContextEvents.SecondmentEndedEarly;
import cn.shuangcheng.reporting.ingestion.domain.CadreContextEvents.SecondmentExtended;
import cn.shuangcheng.reporting.ingestion.domain.CadreContextEvents.SecondmentRegistered;
import cn.shuangcheng.reporting.ingestion.domain.EventCatalog;
import cn.shuangcheng.reporting.ingestion.domain.Projection;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;
import org.springframework.stereotype.Component;

/**
 * One document per secondment, without personal data: batch, direction, regions, dates, status, how many
 * contributions and which projects they name. Not even the pseudonymous cadreId is kept: the report counts.
 */
@Component
public final class SecondmentProjection implements Projection {

    @Override
    public EventCatalog.Kind kind() {
        return EventCatalog.Kind.SECONDMENT;
    }

    @Override
    public Document fold(String secondmentId, List<StoredEvent> events) {
        Document document = new Document("_id", secondmentId);
        String status = null;
        int contributions = 0;
        Set<String> projects = new LinkedHashSet<>();
        for (StoredEvent event : events) {
            Object payload = event.payload();
            if (payload instanceof SecondmentRegistered e) {
                document.append("batchId", e.batchId()).append("batchNumber", e.batchNumber())
                        .append("direction", e.direction()).append("homeRegion", e.homeRegion())
                        .append("hostRegion", e.hostRegion()).append("startOn", e.startOn().toString())
                        .append("endOn", e.endOn() == null ? null : e.endOn().toString());
                status = status == null ? "REGISTERED" : status;
            } else if (payload instanceof CadreArrived e) {
                document.append("arrivedOn", e.arrivedOn().toString());
                status = "ON_POST";
            } else if (payload instanceof ContributionRecorded e) {
                contributions++;
                if (e.projectIds() != null) {
                    projects.addAll(e.projectIds());
                }
            } else if (payload instanceof SecondmentExtended e) {
                document.append("endOn", e.endOn().toString());
            } else if (payload instanceof SecondmentCompleted e) {
                document.append("completedOn", e.completedOn().toString());
                status = "COMPLETED";
            } else if (payload instanceof SecondmentEndedEarly e) {
                document.append("endedOn", e.endedOn().toString());
                status = "ENDED_EARLY";
            }
        }
        return document.append("status", status).append("contributions", contributions)
                .append("linkedProjectIds", List.copyOf(projects));
    }
}
