package cn.shuangcheng.cadres.exchange.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;

import cn.shuangcheng.kernel.RuleViolatedException;
import cn.shuangcheng.kernel.StateConflictException;

/**
 * Which failed registrations are withdrawn at once and which are left pending for the sweep: an attempt MongoDB did
 * not answer may still be applied, however the registration finally failed.
 */
class UnclearAppendsTest {

    private static final RuntimeException TIMED_OUT = new MongoSocketReadTimeoutException("read timed out",
            new ServerAddress("mongo", 27017), new java.net.SocketTimeoutException());

    @Test
    void a_refusal_after_answered_attempts_is_clear() {
        assertThat(UnclearAppends.mayStillLand(new StateConflictException("all 50 places are taken"))).isFalse();
        assertThat(UnclearAppends.mayStillLand(new RuleViolatedException("startOn", "before the batch"))).isFalse();
    }

    @Test
    void an_attempt_that_timed_out_is_unclear_wrapped_or_not() {
        assertThat(UnclearAppends.mayStillLand(TIMED_OUT)).isTrue();
        assertThat(UnclearAppends.mayStillLand(new CommandExecutionException("failed", TIMED_OUT))).isTrue();
    }

    @Test
    void a_refusal_that_follows_an_unclear_attempt_is_unclear_too() {
        // attempt 1 timed out, attempt 2 failed otherwise, attempt 3 found its reservation too old
        IllegalStateException second = new IllegalStateException("attempt 2");
        second.addSuppressed(TIMED_OUT);
        StateConflictException third = new StateConflictException("took too long to be carried out; retry");
        third.addSuppressed(second);

        assertThat(UnclearAppends.mayStillLand(third)).isTrue();
    }

    @Test
    void a_wait_for_a_server_that_timed_out_sent_nothing_and_is_clear() {
        assertThat(UnclearAppends.mayStillLand(new MongoTimeoutException("no server selected"))).isFalse();
    }

    @Test
    void suppressed_failures_that_point_at_each_other_end_the_search() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b");
        a.addSuppressed(b);
        b.addSuppressed(a);

        assertThat(UnclearAppends.mayStillLand(a)).isFalse();
    }
}
