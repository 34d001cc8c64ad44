package cn.shuangcheng.projects.intake.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Untrusted text on its way to a spreadsheet cell (on its way to a log line: web-support's LogSafeTest). */
class UntrustedTextTest {

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
