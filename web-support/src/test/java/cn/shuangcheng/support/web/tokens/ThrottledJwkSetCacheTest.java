package cn.shuangcheng.support.web.tokens;

import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThrottledJwkSetCacheTest {

    private static final String URI = "https://issuer.example/jwks";
    private final AtomicLong now = new AtomicLong();
    private final ThrottledJwkSetCache cache = new ThrottledJwkSetCache(Duration.ofSeconds(10), Duration.ofMinutes(5),
            Duration.ofHours(1), now::get);
    private final AtomicInteger fetches = new AtomicInteger();

    private Callable<String> issuer(String set) {
        return () -> {
            fetches.incrementAndGet();
            return set;
        };
    }

    private Callable<String> issuerDown() {
        return () -> {
            fetches.incrementAndGet();
            throw new IllegalStateException("connect timed out");
        };
    }

    private void after(Duration elapsed) {
        now.addAndGet(elapsed.toNanos());
    }

    @Test
    void tokens_naming_unknown_keys_fetch_the_set_at_most_once_per_interval() {
        assertThat(cache.get(URI, issuer("v1"))).isEqualTo("v1");
        for (int token = 0; token < 100; token++) {
            cache.invalidate(); // what Spring's key source does for every key id it does not know
            assertThat(cache.get(URI, issuer("v2"))).isEqualTo("v1");
            after(Duration.ofMillis(10));
        }
        assertThat(fetches).hasValue(1);

        after(Duration.ofSeconds(10));
        cache.invalidate();
        assertThat(cache.get(URI, issuer("v2"))).as("a key published since is found after the interval").isEqualTo("v2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void a_set_is_fetched_again_after_its_time_to_live_so_that_a_withdrawn_key_is_refused() {
        cache.get(URI, issuer("v1"));
        after(Duration.ofMinutes(4));
        assertThat(cache.get(URI, issuer("v2"))).isEqualTo("v1");
        after(Duration.ofMinutes(1));
        assertThat(cache.get(URI, issuer("v2"))).isEqualTo("v2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void while_the_issuer_is_down_the_known_set_still_serves_for_an_hour_and_fetches_come_further_apart() {
        cache.get(URI, issuer("v1"));
        after(Duration.ofMinutes(5)); // the set's time to live: from now on each fetch fails
        List<Integer> attemptsAt = new java.util.ArrayList<>();
        for (int second = 0; second <= 3_600; second++) {
            int before = fetches.get();
            if (second < 3_300) {
                assertThat(cache.get(URI, issuerDown())).isEqualTo("v1");
            }
            if (fetches.get() > before) {
                attemptsAt.add(second);
            }
            after(Duration.ofSeconds(1));
        }
        // 10 s doubled after each failure, up to 5 min; the set still serves 55 min into the outage
        assertThat(attemptsAt).startsWith(0, 20, 60, 140, 300, 600, 900, 1_200);
        after(Duration.ofMinutes(5));
        assertThatThrownBy(() -> cache.get(URI, issuerDown())).as("more than an hour after the last fetch")
                .isInstanceOf(Cache.ValueRetrievalException.class);
    }

    @Test
    void without_any_set_a_failed_fetch_is_not_tried_again_within_the_interval() {
        assertThatThrownBy(() -> cache.get(URI, issuerDown())).isInstanceOf(Cache.ValueRetrievalException.class)
                .cause().hasMessage("connect timed out");
        assertThatThrownBy(() -> cache.get(URI, issuerDown())).isInstanceOf(Cache.ValueRetrievalException.class)
                .cause().hasMessageContaining("in at most 10 s");
        assertThat(fetches).hasValue(1);

        after(Duration.ofSeconds(10)); // not doubled: with no set to serve, every token waits for the next fetch
        assertThat(cache.get(URI, issuer("v1"))).isEqualTo("v1");
    }
}
