package cn.shuangcheng.system.faults;

import java.util.Map;
import java.util.TreeMap;

/**
 * One project the load generator drives, and what the system has decided for it so far as the generator knows:
 * every command it sent ended either answered 2xx or found present in the write service's own view (then it is not
 * sent again), so at the end of a stream this is exactly what the read models must show.
 */
final class PlannedProject {

    final String externalRef;
    final int year;
    final long totalInvestmentYuan;
    final long annualPlanYuan;
    /** From the proposal's answer, or from an intake batch's result row. */
    volatile String id;
    /** The aggregate's version after the last command that took effect (its event's sequence number). */
    volatile long version = -1;
    volatile boolean listed;
    volatile boolean planned;
    volatile boolean started;
    /** Months recorded: period to amount in yuan. */
    final Map<String, Long> investments = new TreeMap<>();
    /** Commands that took effect (answered or found present): one event each. */
    volatile int commandsPresent;

    PlannedProject(String externalRef, int year, long totalInvestmentYuan, long annualPlanYuan) {
        this.externalRef = externalRef;
        this.year = year;
        this.totalInvestmentYuan = totalInvestmentYuan;
        this.annualPlanYuan = annualPlanYuan;
    }

    synchronized long investedYuan() {
        return investments.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized void recordInvestment(String period, long amountYuan) {
        investments.put(period, amountYuan);
    }

    synchronized Map<String, Long> investmentsCopy() {
        return new TreeMap<>(investments);
    }
}
