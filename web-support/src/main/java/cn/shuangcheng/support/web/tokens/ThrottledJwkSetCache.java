package cn.shuangcheng.support.web.tokens;

import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The cache of the issuer's key set (JWKS) behind every service's token decoder, fetching it at most once per
 * {@code minFetchInterval}. Spring Security's key source invalidates its cache whenever a token names a key id it
 * does not know, and fetches the set again under a lock, with no rate limit: a caller without any valid token could
 * make every request a call to the issuer, and while the issuer is slow, every request thread waits behind that lock.
 * <p>
 * Here an invalidation only marks the set stale, and a set older than {@code timeToLive} is stale too (so that a key
 * the issuer withdrew stops being accepted, as with Spring's own cache). A stale set is fetched again once the
 * interval since the last attempt has passed (doubled after each failed fetch in a row, up to 5 min, while an older
 * set still serves); until then,
 * and while a fetch fails, the last set fetched still serves for up to {@code maxStale} after it was fetched (an
 * outage of the issuer does not turn away the tokens of keys already known). A token of a key published since is
 * accepted after the next fetch.
 */
final class ThrottledJwkSetCache implements Cache {

    static final Duration MAX_RETRY_INTERVAL = Duration.ofMinutes(5);

    private final Duration minFetchInterval;
    private final Duration timeToLive;
    private final Duration maxStale;
    private final LongSupplier nanoTime;
    private final Map<Object, Object> values = new ConcurrentHashMap<>();
    private volatile boolean stale;
    private long fetchedAt;
    private long lastAttempt;
    private boolean attempted;
    private int failuresInARow;

    ThrottledJwkSetCache(Duration minFetchInterval, Duration timeToLive, Duration maxStale, LongSupplier nanoTime) {
        this.minFetchInterval = minFetchInterval;
        this.timeToLive = timeToLive;
        this.maxStale = maxStale;
        this.nanoTime = nanoTime;
    }

    @Override
    public String getName() {
        return "jwks";
    }

    @Override
    public Object getNativeCache() {
        return values;
    }

    @Override
    public ValueWrapper get(Object key) {
        Object value = values.get(key);
        return value == null ? null : new SimpleValueWrapper(value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Class<T> type) {
        return (T) values.get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T get(Object key, Callable<T> loader) {
        long now = nanoTime.getAsLong();
        T known = (T) values.get(key);
        long age = now - fetchedAt;
        if (known != null && !stale && age < timeToLive.toNanos()) {
            return known;
        }
        T usable = known != null && age < maxStale.toNanos() ? known : null;
        // spaced out only while a set still serves: without one every token is refused until the next fetch
        Duration wait = usable != null ? retryInterval() : minFetchInterval;
        if (attempted && now - lastAttempt < wait.toNanos()) {
            if (usable != null) {
                return usable;
            }
            throw new ValueRetrievalException(key, loader, new IllegalStateException("the key set could not be "
                    + "fetched; it is tried again in at most " + wait.toSeconds() + " s"));
        }
        attempted = true;
        lastAttempt = now;
        try {
            T fetched = loader.call();
            values.put(key, fetched);
            fetchedAt = now;
            stale = false;
            failuresInARow = 0;
            return fetched;
        } catch (Exception e) {
            failuresInARow++;
            if (usable != null) {
                return usable;
            }
            throw new ValueRetrievalException(key, loader, e);
        }
    }

    /**
     * The interval, doubled after each failed fetch in a row up to {@link #MAX_RETRY_INTERVAL}: the fetch runs on a
     * request thread under the key source's lock, so while the issuer does not answer, each attempt holds every
     * token check for up to the client's timeouts.
     */
    private Duration retryInterval() {
        Duration interval = minFetchInterval.multipliedBy(1L << Math.min(failuresInARow, 10));
        return interval.compareTo(MAX_RETRY_INTERVAL) > 0 ? MAX_RETRY_INTERVAL : interval;
    }

    @Override
    public void put(Object key, Object value) {
        values.put(key, value);
    }

    /** Marks the set stale: the next read fetches it again, once the interval has passed. */
    @Override
    public void evict(Object key) {
        stale = true;
    }

    @Override
    public void clear() {
        stale = true;
    }

    @Override
    public boolean invalidate() {
        stale = true;
        return !values.isEmpty();
    }
}
