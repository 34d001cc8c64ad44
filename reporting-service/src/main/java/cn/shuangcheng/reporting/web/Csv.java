package cn.shuangcheng.reporting.web;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** text/csv answers of the report endpoints: a header row, RFC 4180 quoting, UTF-8. */
public final class Csv {

    public static final String TEXT_CSV = "text/csv";

    private Csv() {
    }

    public static ResponseEntity<String> of(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(header));
        rows.forEach(row -> line(out, row));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(out.toString());
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object cell = cells.get(i);
            String text = cell == null ? "" : cell.toString();
            if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
                text = '"' + text.replace("\"", "\"\"") + '"';
            }
            out.append(text);
        }
        out.append("\r\n");
    }
}
