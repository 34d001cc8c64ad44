package cn.shuangcheng.projects.cooperation.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Project ids. A project proposed with an {@code externalRef} gets an id derived from it (a name-based
 * UUID), so the event store's unique index on (aggregate id, sequence) is the claim on the reference:
 * two concurrent proposals of one reference collide on sequence 0 and only one is stored — no separate
 * lookup table that a crash could leave half-written, no check-then-act race.
 */
public final class ProjectIds {

    private ProjectIds() {
    }

    public static String forProposal(String externalRef) {
        if (externalRef == null || externalRef.isBlank()) {
            return UUID.randomUUID().toString();
        }
        return UUID.nameUUIDFromBytes(("shuangcheng:project:" + externalRef.strip()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
