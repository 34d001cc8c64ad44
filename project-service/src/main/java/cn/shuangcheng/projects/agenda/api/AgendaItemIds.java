package cn.shuangcheng.projects.agenda.api;

import cn.shuangcheng.kernel.NaturalKeyIds;

/**
 * Three-lists item ids, derived the way project ids are ({@link NaturalKeyIds}): an item created with an
 * {@code externalRef} gets an id derived from the reference, so a second creation of the same reference cannot store
 * a second item; without one, a random id.
 */
public final class AgendaItemIds {

    private AgendaItemIds() {
    }

    public static String forCreation(String externalRef) {
        return NaturalKeyIds.ofOptional("agenda-item", externalRef);
    }
}
