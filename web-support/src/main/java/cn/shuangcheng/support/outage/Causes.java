package cn.shuangcheng.support.outage;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/** Walks an exception's cause chain, suppressed exceptions aside, safe against cycles. */
public final class Causes {

    private Causes() {
    }

    /** Whether the exception or any exception in its cause chain matches. */
    public static boolean anyMatch(Throwable exception, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = exception; t != null && seen.add(t); t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }
}
