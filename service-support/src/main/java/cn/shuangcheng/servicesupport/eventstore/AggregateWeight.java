package cn.shuangcheng.servicesupport.eventstore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * The weight of a cached aggregate: the events folded into it (its version + 1). Axon's {@link AggregateCacheEntry}
 * keeps the version in a private field and offers no getter, so it is read through a {@link VarHandle} found once;
 * {@code AggregateWeightTest} fails if an Axon upgrade moves it, rather than letting every entry weigh 1.
 */
final class AggregateWeight {

    private static final VarHandle VERSION = versionHandle();

    private AggregateWeight() {
    }

    static int of(Object cached) {
        if (VERSION != null && cached instanceof AggregateCacheEntry<?> entry) {
            Object version = VERSION.get(entry);
            if (version instanceof Long events) {
                return (int) Math.min(Integer.MAX_VALUE, events + 1);
            }
        }
        return 1;
    }

    static boolean readsVersions() {
        return VERSION != null;
    }

    private static VarHandle versionHandle() {
        try {
            return MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "version", Long.class);
        } catch (ReflectiveOperationException | IllegalAccessError | SecurityException e) {
            return null;
        }
    }
}
