package cn.shuangcheng.projects.intake.web;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a CSV batch is cut into rows: one malformed row is refused on its own, the rest are kept. */
class IntakeCsvRowsTest {

    private final List<String> kept = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    private int read(String csv) throws IOException {
        return IntakeSubmission.readCsv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8, new IntakeSubmission.Rows() {
                    @Override
                    public void row(String itemJson) {
                        kept.add(itemJson);
                    }

                    @Override
                    public void refused(String reason) {
                        refused.add(reason);
                    }
                });
    }

    @Test
    void a_row_with_more_cells_than_the_header_is_refused_alone() throws IOException {
        int rows = read("externalRef,name,investments\r\n"
                + "R-1,成渝中线,2023-01:\"a\",\"b\"\r\n"
                + "R-2,\"名称, 带逗号\",2023-01:5\r\n");

        assertThat(rows).isEqualTo(2);
        assertThat(refused).singleElement().asString().contains("4 cells").contains("3 fields");
        assertThat(kept).singleElement().asString().contains("\"externalRef\":\"R-2\"").contains("名称, 带逗号")
                .contains("\"amountYuan\":5");
    }

    @Test
    void trailing_empty_cells_and_short_rows_are_kept() throws IOException {
        read("externalRef,name,listYear\nR-1,项目,2023,,\nR-2\n");

        assertThat(refused).isEmpty();
        assertThat(kept).containsExactly("{\"externalRef\":\"R-1\",\"name\":\"项目\",\"listYear\":2023}",
                "{\"externalRef\":\"R-2\"}");
    }

    @Test
    void a_header_naming_a_field_twice_is_no_batch() {
        assertThatThrownBy(() -> read("externalRef,name,name\nR-1,a,b\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name twice");
    }
}
