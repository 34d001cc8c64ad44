package cn.shuangcheng.reporting.readmodel.web;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

import cn.shuangcheng.support.web.SpreadsheetCells;

/**
 * text/csv answers of the report endpoints, written with jackson-dataformat-csv (the library that reads intake CSV):
 * a UTF-8 byte order mark (so that spreadsheet programs show Chinese), a header row, CRLF line ends, RFC 4180
 * quoting of any cell holding a separator, a quote, CR or LF.
 *
 * <p><b>No cell a spreadsheet would run as a formula.</b> Text cells are {@link SpreadsheetCells#neutralised}. Cells
 * that are numbers in the report (Number values: counts, amounts, rates, {@code pointsOverTarget} = -0.8) are written
 * as numbers, a negative one included: a spreadsheet
 * reads them as the number they are, and no text from outside can be in them.
 */
public final class Csv {

    public static final String TEXT_CSV = "text/csv";
    public static final char BOM = '\uFEFF';

    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withLineSeparator("\r\n");

    private Csv() {
    }

    public static ResponseEntity<String> of(List<String> header, List<List<Object>> rows) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(text(header, rows));
    }

    /** The body: BOM, header, rows. */
    public static String text(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        out.write(BOM);
        try (SequenceWriter writer = MAPPER.writer(SCHEMA).writeValues(out)) {
            writer.write(cells(header));
            for (List<Object> row : rows) {
                writer.write(cells(row));
            }
        }
        return out.toString();
    }

    private static List<Object> cells(List<?> row) {
        List<Object> cells = new ArrayList<>(row.size());
        for (Object cell : row) {
            if (cell == null) {
                cells.add(""); // an empty cell: the generator would leave a trailing null out of the row
            } else {
                cells.add(cell instanceof Number || cell instanceof Boolean ? cell
                        : SpreadsheetCells.neutralised(cell.toString()));
            }
        }
        return cells;
    }
}
