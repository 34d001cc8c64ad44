package cn.shuangcheng.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** Untrusted strings cannot forge log lines or flood them. */
class LogSafeTest {

    @Test
    void controlCharactersAndLineSeparatorsAreEscaped() {
        String forged = "shuangcheng.project.X.v1\r\n2026-12-03 INFO forged line\u001b[31m\u2028\u202e";

        assertThat(LogSafe.text(forged)).isEqualTo(
                "shuangcheng.project.X.v1\\r\\n2026-12-03 INFO forged line\\u001b[31m\\u2028\\u202e");
    }

    @Test
    void longTextIsCutAt200CharactersSayingHowMuchWasLeftOff() {
        String text = LogSafe.text("x".repeat(5_000));

        assertThat(text).startsWith("x".repeat(200) + "…(+4800 chars)").hasSize(200 + "…(+4800 chars)".length());
        assertThat(LogSafe.text("😀".repeat(150))).doesNotContain("\ud83d…"); // no half surrogate pair
    }

    @Test
    void aListOfMissingSequencesIsSummarised() {
        List<Long> missing = LongStream.range(0, 100_000).boxed().toList();

        assertThat(LogSafe.summary(missing)).isEqualTo("100000 [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …]");
        assertThat(LogSafe.summary(List.of(3L))).isEqualTo("1 [3]");
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }

    @Test
    void anIntakeValueCannotForgeLinesOrHideTextAndIsCutSayingHowLongItWas() {
        String logged = LogSafe.text("CY-1\r\n2026-12-03 ERROR forged\u001b[31m\u202e");
        assertThat(logged).isEqualTo("CY-1\\r\\n2026-12-03 ERROR forged\\u001b[31m\\u202e");
        String long_ = LogSafe.text("川".repeat(10_000));
        assertThat(long_).startsWith("川".repeat(LogSafe.MAX_CHARS)).endsWith("…(+9800 chars)");
        assertThat(long_.length()).isLessThan(LogSafe.MAX_CHARS + 30);
        assertThat(LogSafe.text("正常的项目编号 CY-2023-001")).isEqualTo("正常的项目编号 CY-2023-001");
    }
}
