package cn.shuangcheng.projects.intake.web;

import cn.shuangcheng.projects.intake.api.IntakeBounds;
import cn.shuangcheng.projects.intake.application.IntakeJson;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a submitted batch as a stream, one row at a time, and hands each row on as the JSON text of its item, as
 * received. Nothing holds more than one row: a body is never read whole, and reading stops at the first row past
 * {@link IntakeBounds#MAX_ROWS} ({@link TooManyRowsException}). Type checks happen later, row by row, when each row
 * is bound to an {@link IntakeItem}: a row with a bad number is rejected on its own, it does not make the whole
 * batch a 400. A row larger than {@link IntakeBounds#MAX_ROW_TOKENS} tokens or {@link IntakeBounds#MAX_ROW_CHARS}
 * characters is not kept; it is handed on as refused.
 * <p>
 * CSV (docs/api-guide.md, "Over REST"): one row per item with a header line naming the item's fields, its cells
 * made into the item as {@link CsvItemCells} says. A leading byte order mark is skipped.
 */
final class IntakeSubmission {

    /** A header line longer than this is no intake header (the item has 15 fields). */
    static final int MAX_HEADER_CHARS = 4_096;
    /** Nor one naming more fields than this. */
    static final int MAX_HEADER_FIELDS = 64;

    private static final JsonFactory JSON = IntakeJson.streamingFactory();
    private static final JsonMapper TREES = JsonMapper.builder().build();
    private static final CsvMapper CSV = CsvMapper.builder(CsvFactory.builder()
            .streamReadConstraints(IntakeJson.LIMITS).build()).build();

    /** Where rows go as they are read. */
    interface Rows {

        void row(String itemJson);

        /** A row that was not kept, with the reason. */
        void refused(String reason);
    }

    /** The batch has more rows than a batch may hold; reading stopped at the first one too many. */
    static final class TooManyRowsException extends RuntimeException {
        TooManyRowsException() {
            super("a batch holds at most " + IntakeBounds.MAX_ROWS + " rows");
        }
    }

    private IntakeSubmission() {
    }

    /** {@code {"items": [...]}}: each item's JSON to {@code rows}; the count of rows. */
    static int readJson(InputStream body, Rows rows) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed();
            }
            int count = -1;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("items".equals(name)) {
                    if (count >= 0 || value != JsonToken.START_ARRAY) {
                        throw malformed();
                    }
                    count = readItems(parser, rows);
                } else {
                    parser.skipChildren();
                }
            }
            if (count < 0 || parser.nextToken() != null) {
                throw malformed();
            }
            return count;
        }
    }

    private static IllegalArgumentException malformed() {
        return new IllegalArgumentException("the body must be one object {\"items\": [...]}");
    }

    private static int readItems(JsonParser parser, Rows rows) {
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (++count > IntakeBounds.MAX_ROWS) {
                throw new TooManyRowsException();
            }
            copyRow(parser, rows);
        }
        return count;
    }

    /** Copies the row starting at the current token, or skips it when it is too large to keep. */
    private static void copyRow(JsonParser parser, Rows rows) {
        StringWriter text = new StringWriter();
        int depth = 0;
        int tokens = 0;
        boolean kept = true;
        try (JsonGenerator copy = JSON.createGenerator(ObjectWriteContext.empty(), text)) {
            JsonToken token = parser.currentToken();
            while (true) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
                if (kept) {
                    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                        // as written: 1e400 is neither Infinity nor a BigDecimal whose exponent overflows
                        copy.writeNumber(parser.getString());
                    } else {
                        copy.copyCurrentEvent(parser);
                    }
                    if (++tokens > IntakeBounds.MAX_ROW_TOKENS
                            || text.getBuffer().length() > IntakeBounds.MAX_ROW_CHARS) {
                        kept = false;
                    }
                }
                if (depth == 0) {
                    break;
                }
                token = parser.nextToken();
            }
            if (kept) {
                copy.flush();
            }
        }
        if (kept) {
            rows.row(text.toString());
        } else {
            rows.refused("the row is too large: more than " + IntakeBounds.MAX_ROW_TOKENS + " values or "
                    + IntakeBounds.MAX_ROW_CHARS + " characters");
        }
    }

    /**
     * CSV with a header line: each row as an item's JSON to {@code rows}; the count of rows. Rows are read cell by
     * cell, not mapped by the parser, so that a row with more cells than the header names (a stray comma or quote in
     * one cell) is refused on its own instead of failing the whole batch, and so that no row is held whole before
     * its size is known: a row of millions of cells is read through, keeping only the header's number of cells.
     * Blank lines (every cell blank) are no rows.
     */
    static int readCsv(InputStream body, Charset charset, Rows rows) throws IOException {
        Reader reader = withoutByteOrderMark(new BufferedReader(new InputStreamReader(body, charset)));
        try (JsonParser parser = CSV.reader().with(CsvReadFeature.WRAP_AS_ARRAY).createParser(reader)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return 0;
            }
            CsvRow first = CsvRow.nextNotBlank(parser, MAX_HEADER_FIELDS);
            if (first == null) {
                return 0;
            }
            List<String> header = header(first);
            int count = 0;
            for (CsvRow row = CsvRow.nextNotBlank(parser, header.size()); row != null;
                 row = CsvRow.nextNotBlank(parser, header.size())) {
                if (++count > IntakeBounds.MAX_ROWS) {
                    throw new TooManyRowsException();
                }
                if (row.extraCells() > 0) {
                    rows.refused("the row has " + (header.size() + row.extraCells()) + " cells but the header names "
                            + header.size() + " fields: is a comma or quote in a cell not quoted?");
                    continue;
                }
                String item = row.chars() > IntakeBounds.MAX_ROW_CHARS ? null
                        : TREES.writeValueAsString(CsvItemCells.toItem(header, row.cells()));
                if (item == null || item.length() > IntakeBounds.MAX_ROW_CHARS) {
                    rows.refused("the row is too large: more than " + IntakeBounds.MAX_ROW_CHARS + " characters");
                } else {
                    rows.row(item);
                }
            }
            return count;
        }
    }

    /** The header line's field names; at most {@value #MAX_HEADER_FIELDS} of {@value #MAX_HEADER_CHARS} characters. */
    private static List<String> header(CsvRow line) {
        if (line.cellCount() > MAX_HEADER_FIELDS || line.chars() + line.cellCount() > MAX_HEADER_CHARS) {
            throw new IllegalArgumentException("the CSV header names more than " + MAX_HEADER_FIELDS
                    + " fields or is longer than " + MAX_HEADER_CHARS + " characters (the item has 15 fields)");
        }
        List<String> header = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (String name : line.cells()) {
            String field = name.strip();
            if (!field.isEmpty() && !named.add(field)) {
                throw new IllegalArgumentException("the CSV header names the field " + field + " twice");
            }
            header.add(field);
        }
        return header;
    }

    /**
     * One line as read: its first {@code fields} cells, how many non-empty cells stand beyond them (trailing empty
     * cells, a trailing comma, are no harm), how many cells it has in all and the characters of them all.
     */
    private record CsvRow(String[] cells, int extraCells, long cellCount, long chars) {

        /** The next line that is not blank, or null after the last; the parser inside the outer array. */
        static CsvRow nextNotBlank(JsonParser parser, int fields) {
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY && token != null;
                 token = parser.nextToken()) {
                expect(token, JsonToken.START_ARRAY);
                CsvRow row = read(parser, fields);
                if (row.extraCells() > 0 || Arrays.stream(row.cells()).anyMatch(cell -> !cell.isBlank())) {
                    return row;
                }
            }
            return null;
        }

        /** Reads the line's cells up to its end, the parser at its START_ARRAY. */
        private static CsvRow read(JsonParser parser, int fields) {
            List<String> kept = new ArrayList<>();
            int extra = 0;
            long chars = 0;
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                expect(token, JsonToken.VALUE_STRING);
                String cell = parser.getString();
                chars += cell.length();
                if (index < fields) {
                    kept.add(cell);
                } else if (!cell.isBlank()) {
                    extra = index + 1 - fields;
                }
                index++;
            }
            return new CsvRow(kept.toArray(String[]::new), extra, index, chars);
        }

        /** The CSV parser without a schema gives lines as arrays of strings; anything else is no batch we read. */
        private static void expect(JsonToken token, JsonToken expected) {
            if (token != expected) {
                throw new IllegalArgumentException("the CSV could not be read: " + token + " where " + expected
                        + " was expected");
            }
        }
    }

    private static Reader withoutByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
