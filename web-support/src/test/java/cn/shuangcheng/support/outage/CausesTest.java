package cn.shuangcheng.support.outage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTest {

    @Test
    void the_chain_runs_from_the_outermost_exception_to_the_root() {
        IOException root = new IOException("disk");
        UncheckedIOException middle = new UncheckedIOException(root);
        IllegalStateException outer = new IllegalStateException("wrapped", middle);

        assertThat(Causes.chain(outer)).containsExactly(outer, middle, root);
        assertThat(Causes.anyMatch(outer, IOException.class::isInstance)).isTrue();
        assertThat(Causes.anyMatch(outer, IllegalArgumentException.class::isInstance)).isFalse();
    }

    @Test
    void the_first_of_a_type_is_the_outermost_one() {
        IOException root = new IOException("disk");
        IOException wrapper = new IOException("read failed", root);
        IllegalStateException outer = new IllegalStateException("wrapped", wrapper);

        assertThat(Causes.firstOf(outer, IOException.class)).isSameAs(wrapper);
        assertThat(Causes.firstOf(outer, IllegalArgumentException.class)).isNull();
    }

    /** Some libraries build cause chains that loop back; a walk that does not notice never returns. */
    @Test
    void a_cause_chain_with_a_cycle_ends_with_each_exception_once() {
        CyclicException first = new CyclicException("first");
        CyclicException second = new CyclicException("second");
        first.causedBy(second);
        second.causedBy(first);

        assertThat(Causes.chain(first)).containsExactly(first, second);
        assertThat(Causes.anyMatch(first, IOException.class::isInstance)).isFalse();
    }

    @Test
    void null_has_no_chain() {
        assertThat(Causes.chain(null)).isEmpty();
    }

    /** An exception whose cause can be set after construction to anything, itself or an earlier link included. */
    private static final class CyclicException extends RuntimeException {
        private Throwable cause;

        CyclicException(String message) {
            super(message);
        }

        void causedBy(Throwable cause) {
            this.cause = cause;
        }

        @Override
        public synchronized Throwable getCause() {
            return cause;
        }
    }
}
