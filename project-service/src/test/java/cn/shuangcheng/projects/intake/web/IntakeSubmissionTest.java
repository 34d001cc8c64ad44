package cn.shuangcheng.projects.intake.web;

import cn.shuangcheng.projects.intake.api.IntakeBounds;
import cn.shuangcheng.projects.intake.application.IntakeRowBinder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a batch is cut into rows: one malformed or oversized row is refused on its own, the rest are kept. */
class IntakeSubmissionTest {

    private final CollectedRows rows = new CollectedRows();
    private final List<String> kept = rows.kept;
    private final List<String> refused = rows.refused;

    private int readJson(String json) {
        return IntakeSubmission.readJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), rows);
    }

    private int read(String csv) throws IOException {
        return IntakeSubmission.readCsv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8, rows);
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

    @Test
    void a_quoted_line_break_does_not_let_a_header_past_its_bounds() {
        StringBuilder csv = new StringBuilder("\"x\n\"");
        for (int i = 0; i < 100; i++) {
            csv.append(",a").append(i);
        }
        assertThatThrownBy(() -> read(csv + "\nR-1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 64 fields");
    }

    @Test
    void a_row_of_a_million_cells_is_refused_alone() throws IOException {
        int rows = read("externalRef,name\n" + "a,".repeat(1_000_000) + "\nR-2,项目\n");

        assertThat(rows).isEqualTo(2);
        assertThat(refused).singleElement().asString().contains("1000000 cells").contains("2 fields");
        assertThat(kept).containsExactly("{\"externalRef\":\"R-2\",\"name\":\"项目\"}");
    }

    @Test
    void a_row_too_large_as_json_is_refused_alone() throws IOException {
        // 3 x 30,000 control characters fit the row's 100,000 characters as read, but not once escaped as \u0001
        String cell = "\u0001".repeat(30_000);
        int rows = read("externalRef,name,description,sector\n" + "R-1," + cell + "," + cell + "," + cell
                + "\n" + "R-2," + "长".repeat(40_000) + "," + "长".repeat(40_000) + "," + "长".repeat(30_000)
                + "\nR-3,项目\n");

        assertThat(rows).isEqualTo(3);
        assertThat(refused).hasSize(2).allSatisfy(reason -> assertThat(reason).contains("too large"));
        assertThat(kept).containsExactly("{\"externalRef\":\"R-3\",\"name\":\"项目\"}");
    }

    @Test
    void a_kafka_record_is_held_to_the_values_a_rest_row_may_have() {
        IntakeRowBinder binder = new IntakeRowBinder();
        // 7 values around the regions: { "externalRef" "R" "regions" [ ... ] }
        String atTheBound = row(IntakeBounds.MAX_ROW_TOKENS - 7);
        String oneMore = row(IntakeBounds.MAX_ROW_TOKENS - 6);
        readJson("{\"items\":[" + atTheBound + "," + oneMore + "]}");

        assertThat(kept).containsExactly(atTheBound);
        assertThat(refused).singleElement().asString().contains("too large");
        // a Kafka record's value is bound without the REST reader in front: the binder counts the same way
        assertThat(binder.bind(atTheBound).item()).isNotNull();
        assertThat(binder.bind(oneMore).item()).isNull();
        assertThat(binder.bind(oneMore).errors()).singleElement().asString().contains("Token count");
        assertThat(binder.bind(oneMore).externalRef()).isEqualTo("R");
        // read only up to the reference: what follows does not matter, what comes before is skipped
        assertThat(binder.bind("{\"a\":{\"b\":[1,2]},\"externalRef\":\"R2\",\"x\":").externalRef()).isEqualTo("R2");
        assertThat(binder.bind("{\"externalRef\":{\"nested\":\"R3\"}}").externalRef()).isNull();
    }

    private static String row(int regions) {
        return "{\"externalRef\":\"R\",\"regions\":[" + String.join(",", Collections.nCopies(regions, "\"\"")) + "]}";
    }

    @Test
    void blank_lines_are_no_rows() throws IOException {
        int rows = read("externalRef\r\n\r\nR-1\r\n   \r\n\r\r\nR-2\n\n");

        assertThat(rows).isEqualTo(2);
        assertThat(refused).isEmpty();
        assertThat(kept).containsExactly("{\"externalRef\":\"R-1\"}", "{\"externalRef\":\"R-2\"}");
    }

    @Test
    void a_json_number_beyond_a_double_reaches_the_row_as_written_not_as_infinity() {
        readJson("{\"items\":[{\"externalRef\":1e400,\"totalInvestmentYuan\":-1e400,\"name\":0.1},"
                + "{\"externalRef\":1e2147483648,\"name\":1E-2147483649},{\"externalRef\":\"R-3\"}]}");

        // each row is judged on its own later (a number where text belongs is that row's error), none fails the batch
        assertThat(refused).isEmpty();
        assertThat(kept).hasSize(3);
        assertThat(kept.get(0)).doesNotContain("Infinity").contains("\"externalRef\":1e400")
                .contains("\"totalInvestmentYuan\":-1e400").contains("\"name\":0.1");
        assertThat(kept.get(1)).contains("\"externalRef\":1e2147483648").contains("\"name\":1E-2147483649");
    }

    @Test
    void a_header_row_is_read_whatever_blank_lines_come_first_and_a_padded_header_counts_its_padding()
            throws IOException {
        assertThat(read("\r\n\r\nexternalRef,name\nR-1,项目\n")).isEqualTo(1);
        assertThat(kept).containsExactly("{\"externalRef\":\"R-1\",\"name\":\"项目\"}");
        assertThatThrownBy(() -> read("\"externalRef" + " ".repeat(5_000) + "\",name\nR-1,项目\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 4096 characters");
        assertThatThrownBy(() -> read("externalRef,name" + ",".repeat(100) + "\nR-1,项目\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 64 fields");
    }
}
