package cn.shuangcheng.projects.intake.web;

import cn.shuangcheng.projects.intake.mongo.IntakeBatchStore;
import cn.shuangcheng.support.web.SpreadsheetCells;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rejected rows of a batch in the intake's own CSV shape ({@link IntakeSubmission}) plus an {@code errors}
 * column, ready to fix and resend (intake ignores the extra column). UTF-8 with a byte order mark so that
 * spreadsheet programs show Chinese; every text cell quoted (so {@code \r} and {@code \n} inside a cell are safe);
 * a cell that a spreadsheet would run as a formula starts with an apostrophe instead
 * ({@link SpreadsheetCells#neutralised}). Written row by row as the store reads them.
 */
final class RejectedRowsCsv {

    static final List<String> COLUMNS = List.of("externalRef", "name", "sector", "platform", "regions", "leadUnits",
            "totalInvestmentYuan", "listYear", "annualPlanYuan", "openingInvestedYuan", "openingAsOf", "startedOn",
            "completedOn", "investments", "milestones", "errors");
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final JsonMapper TREES = JsonMapper.builder().build();
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvWriteFeature.ALWAYS_QUOTE_STRINGS).build();

    private RejectedRowsCsv() {
    }

    static void write(IntakeBatchStore store, String batchId, OutputStream out) throws IOException {
        out.write(BYTE_ORDER_MARK);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        try (SequenceWriter rows = CSV.writerFor(String[].class).with(schema.build()).writeValues(out)) {
            store.forEachRejected(batchId, rejected -> rows.write(cells(rejected)));
        }
    }

    private static String[] cells(IntakeBatchStore.RejectedRow rejected) {
        JsonNode item = itemOf(rejected.itemJson());
        List<String> cells = new ArrayList<>(COLUMNS.size());
        for (String column : COLUMNS.subList(0, COLUMNS.size() - 1)) {
            cells.add(cell(column, item.path(column)));
        }
        if (cells.get(0).isEmpty() && rejected.outcome().externalRef() != null) {
            cells.set(0, rejected.outcome().externalRef());
        }
        cells.add(rejected.outcome().errors().stream().map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; ")));
        return cells.stream().map(SpreadsheetCells::neutralised).toArray(String[]::new);
    }

    private static JsonNode itemOf(String itemJson) {
        if (itemJson == null) {
            return TREES.createObjectNode();
        }
        try {
            JsonNode item = TREES.readTree(itemJson);
            return item.isObject() ? item : TREES.createObjectNode();
        } catch (RuntimeException e) {
            return TREES.createObjectNode();
        }
    }

    /** The inverse of the CSV intake's cell rules: lists by {@code ;}, months and milestones as pairs. */
    private static String cell(String column, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray() && column.equals("investments")) {
            return join(value, v -> text(v.path("period")) + ":" + text(v.path("amountYuan")));
        }
        if (value.isArray() && column.equals("milestones")) {
            return join(value, v -> text(v.path("reachedOn")) + ":" + text(v.path("name")));
        }
        if (value.isArray()) {
            return join(value, RejectedRowsCsv::text);
        }
        return text(value);
    }

    private static String join(JsonNode array, java.util.function.Function<JsonNode, String> part) {
        List<String> parts = new ArrayList<>();
        array.forEach(v -> parts.add(part.apply(v)));
        return String.join(";", parts);
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    static String contentType() {
        return "text/csv;charset=" + StandardCharsets.UTF_8.name();
    }
}
