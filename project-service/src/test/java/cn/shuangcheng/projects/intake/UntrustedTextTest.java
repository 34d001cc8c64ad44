package cn.shuangcheng.projects.intake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Untrusted text on its way to a log line or a spreadsheet cell. */
class UntrustedTextTest {

    @Test
    void a_logged_value_cannot_forge_lines_or_hide_text_and_is_cut_saying_how_long_it_was() {
        assertThat(Untrusted.forLog("CY-1\r\n2026-12-03 ERROR forged\u001b[31m\u202e")).isEqualTo(
                "CY-1??2026-12-03 ERROR forged?[31m?");
        String logged = Untrusted.forLog("川".repeat(10_000));
        assertThat(logged).startsWith("川".repeat(Untrusted.MAX_LOGGED)).endsWith("...(10000 chars)");
        assertThat(logged.length()).isLessThan(Untrusted.MAX_LOGGED + 30);
        assertThat(Untrusted.forLog(null)).isEqualTo("null");
        assertThat(Untrusted.forLog("正常的项目编号 CY-2023-001")).isEqualTo("正常的项目编号 CY-2023-001");
    }

    @Test
    void a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised() {
        assertThat(RejectedRowsCsv.neutralised("=1+1")).isEqualTo("'=1+1");
        assertThat(RejectedRowsCsv.neutralised("+86 28")).isEqualTo("'+86 28");
        assertThat(RejectedRowsCsv.neutralised("-5")).isEqualTo("'-5");
        assertThat(RejectedRowsCsv.neutralised("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(RejectedRowsCsv.neutralised("\t=1")).isEqualTo("'\t=1");
        assertThat(RejectedRowsCsv.neutralised("成渝 = 双城")).isEqualTo("成渝 = 双城");
        assertThat(RejectedRowsCsv.neutralised("")).isEmpty();
    }
}
