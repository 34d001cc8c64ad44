package cn.shuangcheng.reporting.readmodel.domain;

import java.util.Locale;

/**
 * The read-model collections. Each generation has its own copy, named by the base name and the generation
 * ({@code projects_g1}, ...: see readmodel.mongo.ReadModelStore). Named here, apart from the store, because the event
 * catalog says which read model each kind of aggregate folds into.
 */
public enum ReadModelCollection {
    PROJECTS, AGENDA_ITEMS, EXCHANGE_BATCHES, SECONDMENTS,
    /** cadreIds whose personal data cadre-service erased; no report reads it (reports never name a cadre). */
    ERASED_CADRES,
    /** Every event applied, one document per aggregate id and sequence: the guard, the timeline, the fold input. */
    EVENTS;

    /** The name without its generation, e.g. {@code agenda_items}. */
    public String baseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name of this collection's copy in a generation, e.g. {@code agenda_items_g2}. */
    public String nameIn(int generation) {
        return baseName() + "_g" + generation;
    }
}
