package cn.shuangcheng.projects.cooperation.api;

import cn.shuangcheng.kernel.NaturalKeyIds;

/**
 * Project ids. A project proposed with an {@code externalRef} gets an id derived from it ({@link NaturalKeyIds}), so
 * two concurrent proposals of one reference collide in the event store and only one is stored; without one, a random
 * id.
 */
public final class ProjectIds {

    private ProjectIds() {
    }

    public static String forProposal(String externalRef) {
        return NaturalKeyIds.ofOptional("project", externalRef);
    }
}
