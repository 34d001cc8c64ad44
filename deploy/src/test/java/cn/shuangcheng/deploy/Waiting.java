package cn.shuangcheng.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting, with a deadline, for the live services, the local stack and Prometheus to get where a check needs them. */
final class Waiting {

    private Waiting() {
    }

    /**
     * Checks {@code condition} at once and then every {@code every} until it holds; after {@code atMost} fails naming
     * {@code what}, with what {@code lastSeen} gives. An IOException from the condition (a server not listening yet)
     * is retried; anything else it throws (an AssertionError for a process that exited, an error answer) fails at once.
     */
    static void until(String what, Duration atMost, Duration every, Callable<Boolean> condition, Supplier<String> lastSeen) {
        try {
            polling(what, atMost, every).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Not within " + atMost + ": " + what + "; last seen: " + lastSeen.get(), e);
        }
    }

    /** How {@link #until} polls, for a wait that gives up without failing (by catching ConditionTimeoutException). */
    static ConditionFactory polling(String what, Duration atMost, Duration every) {
        return Awaitility.await(what)
                .atMost(atMost)
                // Awaitility would otherwise wait one interval before the first check.
                .pollDelay(Duration.ZERO)
                .pollInterval(every)
                // The conditions fill arrays and maps the caller reads afterwards, and lastSeen reads them on timeout:
                // checked on the caller's thread, nothing is shared between threads.
                .pollInSameThread()
                // Not ignoreExceptions(): it would retry the AssertionError for a process that exited until the deadline.
                .ignoreExceptionsInstanceOf(IOException.class)
                // Awaitility would otherwise fail the wait on an uncaught exception in any thread of this JVM, which
                // also runs the Kafka broker and the MongoDB stand-in.
                .dontCatchUncaughtExceptions();
    }
}
