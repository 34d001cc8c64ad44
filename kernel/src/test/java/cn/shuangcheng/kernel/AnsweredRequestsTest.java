package cn.shuangcheng.kernel;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnsweredRequestsTest {

    @Test
    void a_request_never_answered_is_no_replay() {
        assertThat(new AnsweredRequests().replay("r-1", AnsweredRequests.digest("a"))).isEmpty();
    }

    @Test
    void the_same_request_again_is_answered_with_its_first_version() {
        AnsweredRequests answered = new AnsweredRequests();
        answered.answered("r-1", AnsweredRequests.digest("a"), 7);
        assertThat(answered.replay("r-1", AnsweredRequests.digest("a"))).hasValue(7);
    }

    @Test
    void another_request_under_the_same_id_is_a_rule_violation_on_the_key() {
        AnsweredRequests answered = new AnsweredRequests();
        answered.answered("r-1", AnsweredRequests.digest("a"), 7);
        assertThatThrownBy(() -> answered.replay("r-1", AnsweredRequests.digest("b")))
                .isInstanceOfSatisfying(RuleViolatedException.class,
                        e -> assertThat(e.field()).isEqualTo("Idempotency-Key"));
    }

    @Test
    void an_event_without_a_request_id_answers_nothing() {
        AnsweredRequests answered = new AnsweredRequests();
        answered.answered(null, null, 3);
        assertThat(answered.replay("null", AnsweredRequests.digest((Object) null))).isEmpty();
    }

    @Test
    void parts_that_read_the_same_when_joined_have_different_digests() {
        assertThat(AnsweredRequests.digest("ab", "c")).isNotEqualTo(AnsweredRequests.digest("a", "bc"));
        assertThat(AnsweredRequests.digest(List.of("a", "b"), "c")).isNotEqualTo(AnsweredRequests.digest(List.of("a"), "b", "c"));
        assertThat(AnsweredRequests.digest((Object) null)).isNotEqualTo(AnsweredRequests.digest("null"));
        assertThat(AnsweredRequests.digest(List.of())).isNotEqualTo(AnsweredRequests.digest((Object) null));
        assertThat(AnsweredRequests.digest(new BigDecimal("2"))).isNotEqualTo(AnsweredRequests.digest(new BigDecimal("2.0")));
    }

    /** The digest is stored in events: this value must never change, or a request sent again would be refused. */
    @Test
    void the_digest_encoding_is_fixed() {
        assertThat(AnsweredRequests.digest(LocalDate.of(2023, 5, 20), "摘要", Arrays.asList("p-1", null)))
                .isEqualTo("8391c9c246860b14e561d3c899887d6fe0eb8106d830b15a913e940dcf87d3fd");
    }
}
