package cn.shuangcheng.support.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Untrusted text on its way to a spreadsheet cell (on its way to a log line: LogSafeTest). */
class SpreadsheetCellsTest {

    @Test
    void a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised() {
        assertThat(SpreadsheetCells.neutralised("=1+1")).isEqualTo("'=1+1");
        assertThat(SpreadsheetCells.neutralised("+86 28")).isEqualTo("'+86 28");
        assertThat(SpreadsheetCells.neutralised("-5")).isEqualTo("'-5");
        assertThat(SpreadsheetCells.neutralised("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetCells.neutralised("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetCells.neutralised("\r=1")).isEqualTo("'\r=1");
        assertThat(SpreadsheetCells.neutralised("成渝 = 双城")).isEqualTo("成渝 = 双城");
        assertThat(SpreadsheetCells.neutralised("")).isEmpty();
    }

    @Test
    void the_full_width_forms_some_spreadsheet_programs_take_for_the_same_are_neutralised_too() {
        // the rejected intake rows came back with these unneutralised, while reporting's CSV caught them
        assertThat(SpreadsheetCells.neutralised("＝HYPERLINK(\"http://evil\")")).isEqualTo("'＝HYPERLINK(\"http://evil\")");
        assertThat(SpreadsheetCells.neutralised("＋1")).isEqualTo("'＋1");
        assertThat(SpreadsheetCells.neutralised("－1")).isEqualTo("'－1");
        assertThat(SpreadsheetCells.neutralised("＠SUM(A1)")).isEqualTo("'＠SUM(A1)");
    }

    @Test
    void half_of_a_surrogate_pair_becomes_a_replacement_character_and_a_whole_pair_stays() {
        assertThat(SpreadsheetCells.neutralised("n\ud800")).isEqualTo("n\ufffd");
        assertThat(SpreadsheetCells.neutralised("\udfff=1")).isEqualTo("\ufffd=1");
        assertThat(SpreadsheetCells.neutralised("成渝\ud83d\ude84")).isEqualTo("成渝\ud83d\ude84");
    }
}
