package cn.shuangcheng.reporting.cadres.domain;

import java.util.Locale;
import java.util.regex.Pattern;
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
import cn.shuangcheng.reporting.ingestion.domain.EventFold;
import cn.shuangcheng.reporting.ingestion.domain.StoredEvent;

/**
 * One document per secondment, without personal data: batch, direction, regions, dates, status, how many
 * contributions and which projects they name. Not even the pseudonymous cadreId is kept: the report counts.
 */
public final class SecondmentProjection extends EventFold<SecondmentProjection.State> {

    private static final Pattern UUID_SHAPE = Pattern.compile(
            "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public SecondmentProjection() {
        super(EventCatalog.Kind.SECONDMENT);
    }

    static final class State {
        final Document document;
        String status;
        int contributions;
        final Set<String> projects = new LinkedHashSet<>();

        State(String secondmentId) {
            document = new Document("_id", secondmentId);
        }
    }

    @Override
    protected State start(String secondmentId) {
        return new State(secondmentId);
    }

    @Override
    protected void apply(State state, StoredEvent event) {
        Document document = state.document;
        Object payload = event.payload();
        if (payload instanceof SecondmentRegistered e) {
            document.append("batchId", e.batchId()).append("batchNumber", e.batchNumber())
                    .append("direction", e.direction()).append("homeRegion", e.homeRegion())
                    .append("hostRegion", e.hostRegion()).append("startOn", e.startOn().toString())
                    .append("endOn", e.endOn() == null ? null : e.endOn().toString());
            state.status = state.status == null ? "REGISTERED" : state.status;
        } else if (payload instanceof CadreArrived e) {
            document.append("arrivedOn", e.arrivedOn().toString());
            state.status = "ON_POST";
        } else if (payload instanceof ContributionRecorded e) {
            state.contributions++;
            if (e.projectIds() != null) {
                // one spelling per id, as cadre-service records them since it normalises: contributions stored
                // before could name one project as "<id> " or in upper case, which counted twice
                e.projectIds().stream().map(SecondmentProjection::projectId).forEach(state.projects::add);
            }
        } else if (payload instanceof SecondmentExtended e) {
            document.append("endOn", e.endOn().toString());
        } else if (payload instanceof SecondmentCompleted e) {
            document.append("completedOn", e.completedOn().toString());
            state.status = "COMPLETED";
        } else if (payload instanceof SecondmentEndedEarly e) {
            document.append("endedOn", e.endedOn().toString());
            state.status = "ENDED_EARLY";
        }
    }

    private static String projectId(String id) {
        String stripped = id.strip();
        return UUID_SHAPE.matcher(stripped).matches() ? stripped.toLowerCase(Locale.ROOT) : stripped;
    }

    @Override
    protected Document finish(State state) {
        return state.document.append("status", state.status).append("contributions", state.contributions)
                .append("linkedProjectIds", List.copyOf(state.projects));
    }
}
