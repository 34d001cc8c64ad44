package cn.shuangcheng.system.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * One reconciliation of what the suite sent against the event store, the topic and the read model: the counts of the
 * fault's line and every difference found, in words.
 */
final class AuditCounts {

    /** Events of the audited projects in the store. */
    int stored;
    /** Stored events found on the topic. */
    int published;
    /** Records on the topic beyond the first for one event: at-least-once publishing allows them. */
    int redelivered;
    /** Stored events the read model applied. */
    int applied;
    /** The same for the cadre streams' secondments and batches (cadre-service's store and topic). */
    int cadreStored;
    int cadrePublished;
    int cadreApplied;
    /** Acknowledged or decided events missing from the store, stored events missing from the topic, published
     *  events missing from the read model. */
    int lost;
    /** Events stored or applied more than once. */
    int duplicated;
    final List<String> problems = new ArrayList<>();

    void problem(String what) {
        if (problems.size() < 40) {
            problems.add(what);
        } else if (problems.size() == 40) {
            problems.add("…");
        }
    }

    boolean clean() {
        return problems.isEmpty() && lost == 0 && duplicated == 0;
    }

    @Override
    public String toString() {
        return "stored=" + stored + " published=" + published + " applied=" + applied + " lost=" + lost
                + " duplicated=" + duplicated + (problems.isEmpty() ? "" : " problems=" + problems);
    }
}
