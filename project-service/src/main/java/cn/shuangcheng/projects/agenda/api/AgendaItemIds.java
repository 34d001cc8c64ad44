package cn.shuangcheng.projects.agenda.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Three-lists item ids, derived the way project ids are ({@code ProjectIds}): an item created with an
 * {@code externalRef} gets a name-based UUID of the reference, so the event store's unique index on (aggregate id,
 * sequence) is the claim on the reference and a second creation of the same reference cannot store a second item.
 */
public final class AgendaItemIds {

    private AgendaItemIds() {
    }

    public static String forCreation(String externalRef) {
        if (externalRef == null || externalRef.isBlank()) {
            return UUID.randomUUID().toString();
        }
        return UUID.nameUUIDFromBytes(("shuangcheng:agenda-item:" + externalRef.strip())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
