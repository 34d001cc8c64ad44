package cn.shuangcheng.system.faults;

/**
 * One cadre the cadre stream seconds, and what cadre-service has decided for the secondment so far as the stream
 * knows: every command ended answered 2xx or found present in cadre-service's event store, so at the end of a stream
 * this is what the store, the topic and reporting's read models must show.
 */
final class PlannedSecondment {

    final String personnelNo;
    final String direction;
    /** From the registration's answer, or found through the registry after an unanswered one. */
    volatile String id;
    /** The secondment's version after the last command that took effect (its event's sequence number). */
    volatile long version = -1;
    volatile boolean arrived;
    volatile int contributions;
    /** Commands on the secondment that took effect (answered or found present): one event each. */
    volatile int commandsPresent;

    PlannedSecondment(String personnelNo, String direction) {
        this.personnelNo = personnelNo;
        this.direction = direction;
    }
}
