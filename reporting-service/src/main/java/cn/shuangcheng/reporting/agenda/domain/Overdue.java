package cn.shuangcheng.reporting.agenda.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * When a three-lists item is overdue: its dueOn is before today and it is still OPEN or IN_PROGRESS (not DELIVERED,
 * VERIFIED or DROPPED). "Today" is the joint office's day: the date in Asia/Shanghai (China Standard Time, no
 * daylight saving), whatever zone the server runs in. dueOn is stored as {@code YYYY-MM-DD}, so a string comparison
 * is a date comparison (the same rule as a query: agenda.mongo.AgendaItemQueries).
 */
public final class Overdue {

    public static final ZoneId OFFICE_ZONE = ZoneId.of("Asia/Shanghai");
    /** The states in which an item can be overdue. */
    public static final List<String> PENDING = List.of("OPEN", "IN_PROGRESS");

    private Overdue() {
    }

    public static LocalDate today() {
        return LocalDate.now(OFFICE_ZONE);
    }

    public static boolean is(String dueOn, String status, LocalDate today) {
        return dueOn != null && dueOn.compareTo(today.toString()) < 0 && PENDING.contains(status);
    }
}
