package cn.shuangcheng.servicesupport.eventstore;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's {@link Cache} on a Caffeine cache bounded by weight, for aggregates. Axon ships adapters for JCache and
 * EhCache only, and its {@code WeakReferenceCache} loses entries at the next garbage collection, which for an intake
 * batch means at once. Entry listeners are not offered: no repository registers one.
 * <p>
 * An entry weighs the number of events folded into its aggregate (its version + 1): what an aggregate holds grows
 * with its events (months recorded, milestones), each of them bounded at the edge, so a bound in events is a bound
 * in memory, where a bound in aggregates would let one project with a million milestones take the heap.
 */
public final class BoundedAggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;

    /** @param maximumEvents the events all cached aggregates may hold together */
    public BoundedAggregateCache(long maximumEvents) {
        this.entries = Caffeine.newBuilder().maximumWeight(maximumEvents)
                .weigher((Object key, Object value) -> AggregateWeight.of(value)).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.asMap().containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("BoundedAggregateCache has no entry listeners");
    }

    /** How many aggregates it holds now (after Caffeine's pending evictions). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
