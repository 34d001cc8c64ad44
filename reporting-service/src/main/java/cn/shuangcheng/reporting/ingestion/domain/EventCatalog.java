package cn.shuangcheng.reporting.ingestion.domain;

import cn.shuangcheng.reporting.readmodel.domain.ReadModelCollection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import cn.shuangcheng.contracts.EventTypes;

/**
 * Which event types this consumer reads, the class of its own copy of each, and which read model (aggregate kind)
 * each belongs to. A type of a known topic that is not here is a dead letter ("unknown event type"), not a crash.
 */
public final class EventCatalog {

    /** The aggregates the read side follows, each with the read-model collection its documents go to. */
    public enum Kind {
        PROJECT(ReadModelCollection.PROJECTS),
        AGENDA_ITEM(ReadModelCollection.AGENDA_ITEMS),
        EXCHANGE_BATCH(ReadModelCollection.EXCHANGE_BATCHES),
        SECONDMENT(ReadModelCollection.SECONDMENTS),
        CADRE_ERASURE(ReadModelCollection.ERASED_CADRES);

        private final ReadModelCollection collection;

        Kind(ReadModelCollection collection) {
            this.collection = collection;
        }

        public ReadModelCollection collection() {
            return collection;
        }
    }

    public record Entry(String context, String eventName, Class<?> payloadType, Kind kind) {
        public String type() {
            return EventTypes.type(context, eventName, 1);
        }
    }

    private static final Map<String, Entry> BY_TYPE = new LinkedHashMap<>();

    static {
        project(ProjectContextEvents.ProjectProposed.class, Kind.PROJECT);
        project(ProjectContextEvents.ProjectListed.class, Kind.PROJECT);
        project(ProjectContextEvents.AnnualPlanSet.class, Kind.PROJECT);
        project(ProjectContextEvents.ProjectStarted.class, Kind.PROJECT);
        project(ProjectContextEvents.MilestoneReached.class, Kind.PROJECT);
        project(ProjectContextEvents.InvestmentRecorded.class, Kind.PROJECT);
        project(ProjectContextEvents.InvestmentCorrected.class, Kind.PROJECT);
        project(ProjectContextEvents.ProjectCompleted.class, Kind.PROJECT);
        project(ProjectContextEvents.ProjectSuspended.class, Kind.PROJECT);
        project(ProjectContextEvents.ProjectResumed.class, Kind.PROJECT);
        project(ProjectContextEvents.ProjectCancelled.class, Kind.PROJECT);
        project(ProjectContextEvents.AgendaItemCreated.class, Kind.AGENDA_ITEM);
        project(ProjectContextEvents.AgendaItemProgressed.class, Kind.AGENDA_ITEM);
        project(ProjectContextEvents.AgendaItemDelivered.class, Kind.AGENDA_ITEM);
        project(ProjectContextEvents.AgendaItemVerified.class, Kind.AGENDA_ITEM);
        project(ProjectContextEvents.AgendaItemDropped.class, Kind.AGENDA_ITEM);
        cadre(CadreContextEvents.ExchangeBatchCreated.class, Kind.EXCHANGE_BATCH);
        cadre(CadreContextEvents.SecondmentPlaceTaken.class, Kind.EXCHANGE_BATCH);
        cadre(CadreContextEvents.SecondmentRegistered.class, Kind.SECONDMENT);
        cadre(CadreContextEvents.CadreArrived.class, Kind.SECONDMENT);
        cadre(CadreContextEvents.ContributionRecorded.class, Kind.SECONDMENT);
        cadre(CadreContextEvents.SecondmentExtended.class, Kind.SECONDMENT);
        cadre(CadreContextEvents.SecondmentCompleted.class, Kind.SECONDMENT);
        cadre(CadreContextEvents.SecondmentEndedEarly.class, Kind.SECONDMENT);
        cadre(CadreContextEvents.CadrePersonalDataErased.class, Kind.CADRE_ERASURE);
    }

    private EventCatalog() {
    }

    private static void project(Class<?> type, Kind kind) {
        add(new Entry(EventTypes.PROJECT_CONTEXT, type.getSimpleName(), type, kind));
    }

    private static void cadre(Class<?> type, Kind kind) {
        add(new Entry(EventTypes.CADRE_CONTEXT, type.getSimpleName(), type, kind));
    }

    private static void add(Entry entry) {
        BY_TYPE.put(entry.type(), entry);
    }

    public static Optional<Entry> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Iterable<Entry> all() {
        return BY_TYPE.values();
    }
}
