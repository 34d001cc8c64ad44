package cn.shuangcheng.reporting.agenda.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;

/**
 * When a three-lists item is overdue: its dueOn is before today and it is still OPEN or IN_PROGRESS (not DELIVERED,
 * VERIFIED or DROPPED). "Today" is the joint office's day: the date in Asia/Shanghai (China Standard Time, no
 * daylight saving), whatever zone the server runs in. dueOn is stored as {@code YYYY-MM-DD}, so a string comparison
 * is a date comparison.
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

    /**
     * The query for overdue (or not overdue) items. The explicit null tests keep items without a due date on the "not
     * overdue" side on MongoDB and on the stand-in alike (neither needs to agree on how null compares to a string).
     */
    public static Bson filter(boolean overdue, LocalDate today) {
        String day = today.toString();
        return overdue
                ? Filters.and(Filters.ne("dueOn", null), Filters.lt("dueOn", day), Filters.in("status", PENDING))
                : Filters.or(Filters.eq("dueOn", null), Filters.gte("dueOn", day), Filters.nin("status", PENDING));
    }
}
