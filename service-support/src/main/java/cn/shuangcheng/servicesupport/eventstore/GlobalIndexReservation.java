package cn.shuangcheng.servicesupport.eventstore;

/** Reserves a contiguous range of global indexes for one append. */
@FunctionalInterface
interface GlobalIndexReservation {

    /** Reserves {@code count} indexes and returns the first; the range is {@code [first, first + count)}. */
    long reserve(int count);
}
