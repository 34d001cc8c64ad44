package cn.shuangcheng.cadres.exchange.application;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import com.mongodb.MongoTimeoutException;

import cn.shuangcheng.support.outage.Causes;
import cn.shuangcheng.support.outage.MongoOutages;

/**
 * Whether a failed registration's append may still land. A MongoDB that did not answer (a timeout, a dropped socket,
 * a primary stepping down) may yet apply an insert it had received, later than any answer: finding nothing stored
 * right after such a failure does not mean nothing will be. Such a registration is therefore not withdrawn at once;
 * it stays pending, and {@link AbandonedRegistrations} decides it from the event store once it is older than any
 * append can take. A refusal after an unclear attempt (the next attempt found its reservation too old, or the batch
 * full) carries the unclear failure as suppressed, and counts as unclear too. A wait for a server or a connection
 * that timed out ({@link MongoTimeoutException}) sent nothing and is clear.
 */
final class UnclearAppends {

    private UnclearAppends() {
    }

    static boolean mayStillLand(Throwable failure) {
        return mayStillLand(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean mayStillLand(Throwable failure, Set<Throwable> seen) {
        for (Throwable t : Causes.chain(failure)) {
            if (!seen.add(t)) {
                continue;
            }
            // no server selected, or no connection from the pool: nothing was sent
            if (MongoOutages.saysUnavailable(t) && !(t instanceof MongoTimeoutException)) {
                return true;
            }
            for (Throwable earlier : t.getSuppressed()) {
                if (mayStillLand(earlier, seen)) {
                    return true;
                }
            }
        }
        return false;
    }
}
