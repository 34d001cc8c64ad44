package cn.shuangcheng.reporting.readmodel.domain;

/**
 * The base names of the read-model collections; each generation has its own copy ({@code projects_g1}, ...: see
 * readmodel.mongo.ReadModelStore). Named here, apart from the store, because the event catalog says which read model
 * each kind of aggregate folds into.
 */
public final class ReadModelCollections {

    public static final String PROJECTS = "projects";
    public static final String AGENDA_ITEMS = "agenda_items";
    public static final String EXCHANGE_BATCHES = "exchange_batches";
    public static final String SECONDMENTS = "secondments";
    /** cadreIds whose personal data cadre-service erased; no report reads it (reports never name a cadre). */
    public static final String ERASED_CADRES = "erased_cadres";
    /** Every event applied, one document per aggregate id and sequence: the guard, the timeline, the fold input. */
    public static final String EVENTS = "events";

    private ReadModelCollections() {
    }
}
