package cn.shuangcheng.reporting.readmodel.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import cn.shuangcheng.support.web.SpreadsheetCells;

/**
 * xlsx answers of the report endpoints ({@code Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet}):
 * one sheet, a row of Chinese headings, then the report's rows, offered as a download (Content-Disposition
 * attachment with a file name).
 *
 * <p>Written with fastexcel, which streams the sheet as it goes. bench/xlsx-writers.sh measured it against Apache
 * POI (XSSF, and SXSSF, POI's streaming writer) on the same rows; fastexcel was the fastest and allocated the least
 * (the figures are in docs/api-guide.md and in XlsxWritersBenchmark's comment). POI stays for the tests, which open
 * the workbooks with it as a spreadsheet program would.
 *
 * <p>Cells by kind: counts are numeric cells; amounts are given in yuan and written in 亿元 as numeric cells with the
 * number format {@code #,##0.00} (the value keeps every yuan, the format shows two decimals); a completion rate is a
 * numeric cell formatted {@code 0.00%}; points over target a numeric cell formatted {@code 0.0}; an absent value
 * (a rate without a plan) is an empty cell. Spreadsheet numbers are IEEE doubles: an amount keeps every yuan up to
 * about 9×10^15 yuan (2^53); the JSON and CSV answers carry the exact integers.
 *
 * <p><b>No cell a spreadsheet would run as a formula.</b> Text is written as shared-string cells ({@code t="s"}),
 * which a spreadsheet shows and never evaluates (only a {@code <f>} element is a formula, and this writer writes
 * none). A text starting with a formula character still gets the quote in front that {@link Csv} gives it, so that
 * the CSV and the workbook show the same text, and a cell retyped by hand does not turn into a formula either.
 */
public final class Xlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String YI_FORMAT = "#,##0.00";
    public static final String RATE_FORMAT = "0.00%";
    public static final String POINTS_FORMAT = "0.0";

    private static final int FLUSH_ROWS = 100;
    private static final BigDecimal YUAN_PER_YI = BigDecimal.valueOf(100_000_000L);

    /** How a column's values are written. */
    public enum Kind {
        /** text (a shared string), or a number as it comes */ TEXT,
        /** a whole number */ COUNT,
        /** an amount given in yuan, written in 亿元 */ YI,
        /** a ratio, shown as a percentage */ RATE,
        /** percentage points, one decimal */ POINTS,
        /** a boolean, written 是 / 否 */ YES_NO
    }

    public record Column(String heading, Kind kind) {
    }

    private Xlsx() {
    }

    public static ResponseEntity<byte[]> of(String fileName, String sheetName, List<Column> columns,
                                            List<List<Object>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, sheetName, columns, rows);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(MEDIA_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build()
                        .toString())
                .body(out.toByteArray());
    }

    public static void write(OutputStream out, String sheetName, List<Column> columns, List<List<Object>> rows) {
        try (Workbook workbook = new Workbook(out, "shuangcheng reporting-service", "1.0")) {
            Worksheet sheet = workbook.newWorksheet(sheetName);
            for (int c = 0; c < columns.size(); c++) {
                sheet.value(0, c, columns.get(c).heading());
                sheet.style(0, c).bold().set();
            }
            sheet.freezePane(0, 1);
            for (int r = 0; r < rows.size(); r++) {
                List<Object> row = rows.get(r);
                for (int c = 0; c < columns.size() && c < row.size(); c++) {
                    cell(sheet, r + 1, c, columns.get(c).kind(), row.get(c));
                }
                if (r % FLUSH_ROWS == FLUSH_ROWS - 1) {
                    sheet.flush(); // written rows leave memory: a large sheet's peak stays that of 100 rows
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void cell(Worksheet sheet, int r, int c, Kind kind, Object value) {
        if (value == null) {
            return;
        }
        switch (kind) {
            case COUNT -> sheet.value(r, c, (Number) value);
            case YI -> {
                sheet.value(r, c, yi(value).doubleValue());
                sheet.style(r, c).format(YI_FORMAT).set();
            }
            case RATE -> {
                sheet.value(r, c, ((Number) value).doubleValue());
                sheet.style(r, c).format(RATE_FORMAT).set();
            }
            case POINTS -> {
                sheet.value(r, c, ((Number) value).doubleValue());
                sheet.style(r, c).format(POINTS_FORMAT).set();
            }
            case YES_NO -> sheet.value(r, c, Boolean.TRUE.equals(value) ? "是" : "否");
            case TEXT -> {
                if (value instanceof Number number) {
                    sheet.value(r, c, number);
                } else {
                    sheet.value(r, c, SpreadsheetCells.neutralised(value.toString()));
                }
            }
        }
    }

    private static BigDecimal yi(Object yuan) {
        BigDecimal amount = yuan instanceof BigInteger big ? new BigDecimal(big) : new BigDecimal(yuan.toString());
        return amount.divide(YUAN_PER_YI);
    }
}
