package cn.shuangcheng.kernel;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequireTest {

    private enum Light { RED, AMBER, GREEN }

    @Test
    void a_state_among_the_allowed_ones_passes() {
        assertThatCode(() -> Require.state(Light.AMBER, () -> "never asked", Light.RED, Light.AMBER))
                .doesNotThrowAnyException();
    }

    @Test
    void any_other_state_is_a_conflict_in_the_callers_words() {
        assertThatThrownBy(() -> Require.state(Light.GREEN, () -> "a GREEN light cannot turn red", Light.AMBER))
                .isInstanceOf(StateConflictException.class).hasMessage("a GREEN light cannot turn red");
    }

    @Test
    void no_state_is_allowed_when_none_is_named() {
        assertThatThrownBy(() -> Require.state(Light.RED, () -> "nothing is allowed"))
                .isInstanceOf(StateConflictException.class);
    }

    @Test
    void amounts_and_texts_name_the_field_at_fault() {
        assertThatThrownBy(() -> Require.positive("amountYuan", 0))
                .isInstanceOfSatisfying(RuleViolatedException.class,
                        e -> assertThat(e.field()).isEqualTo("amountYuan"));
        assertThatThrownBy(() -> Require.notNegative("openingInvestedYuan", -1))
                .isInstanceOfSatisfying(RuleViolatedException.class,
                        e -> assertThat(e.field()).isEqualTo("openingInvestedYuan"));
        assertThatThrownBy(() -> Require.text("name", "  "))
                .isInstanceOfSatisfying(RuleViolatedException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatCode(() -> Require.notNegative("openingInvestedYuan", 0)).doesNotThrowAnyException();
    }

    @Test
    void a_fact_dated_after_today_is_refused_and_today_is_not() {
        Clock clock = Clock.fixed(Instant.parse("2023-05-31T16:00:00Z"), ZoneOffset.UTC);
        assertThatCode(() -> Require.notInFuture("startedOn", LocalDate.of(2023, 5, 31), clock))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Require.notInFuture("startedOn", LocalDate.of(2023, 6, 1), clock))
                .isInstanceOf(RuleViolatedException.class).hasMessageContaining("2023-06-01 is in the future");
    }
}
