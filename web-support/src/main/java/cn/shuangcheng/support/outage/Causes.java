package cn.shuangcheng.support.outage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Walks an exception's cause chain, suppressed exceptions aside, safe against cycles. */
public final class Causes {

    private Causes() {
    }

    /** Whether the exception or any exception in its cause chain matches. */
    public static boolean anyMatch(Throwable exception, Predicate<Throwable> test) {
        return chain(exception).stream().anyMatch(test);
    }

    /** The outermost exception in the chain that is a {@code type}; null when there is none. */
    public static <T extends Throwable> T firstOf(Throwable exception, Class<T> type) {
        return chain(exception).stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }

    /**
     * The exception, its cause, the cause's cause and so on, outermost first; each at most once, so that a cause
     * chain with a cycle (which some libraries build) ends. Empty for null.
     */
    public static List<Throwable> chain(Throwable exception) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = exception; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
