package cn.shuangcheng.reporting.ingest;

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
}
