package cn.shuangcheng.reporting.readmodel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/** The CSV answers: BOM, quoting that a CSV reader undoes exactly, formulas neutralised, numbers left numeric. */
class CsvTest {

    @Test
    void startsWithABomAndEndsLinesWithCrLf() {
        String csv = Csv.text(List.of("a", "b"), List.of(List.of("x", 1L)));

        assertThat(csv).isEqualTo("\uFEFFa,b\r\nx,1\r\n");
    }

    @Test
    void quotesCellsWithSeparatorsQuotesCrAndLfSoThatAReaderGetsThemBackExactly() {
        List<String> hostile = List.of("a,b", "say \"hi\"", "line\rbreak", "line\nbreak", "crlf\r\nend", "成渝 ,;|");
        String csv = Csv.text(List.of("c1", "c2", "c3", "c4", "c5", "c6"), List.of(List.copyOf(hostile)));

        assertThat(csv).contains("\"a,b\"", "\"say \"\"hi\"\"\"", "\"line\rbreak\"", "\"line\nbreak\"");
        assertThat(read(csv)).containsExactly(List.of("c1", "c2", "c3", "c4", "c5", "c6"), hostile);
    }

    @Test
    void textCellsThatASpreadsheetWouldRunAsAFormulaGetAQuoteInFront() {
        List<Object> row = Arrays.asList("=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tTAB",
                "\r=1", "＝1+1", "safe=1", "a-b", "", null);
        String csv = Csv.text(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"), List.of(row));

        List<String> cells = read(csv).get(1);
        assertThat(cells).containsExactly("'=HYPERLINK(\"http://evil\",\"x\")", "'+1+2", "'-2+3", "'@SUM(A1)", "'\tTAB",
                "'\r=1", "'＝1+1", "safe=1", "a-b", "", "");
        assertThat(csv).endsWith(",safe=1,a-b,,\r\n");
    }

    @Test
    void numbersStayNumericNegativeOnesIncluded() {
        List<Object> row = List.of(-5L, new BigDecimal("-0.8"), new BigInteger("10000000000000000000"), true,
                new BigDecimal("0.9921"));
        String csv = Csv.text(List.of("a", "b", "c", "d", "e"), List.of(row));

        assertThat(csv).endsWith("\r\n-5,-0.8,10000000000000000000,true,0.9921\r\n");
    }

    private static List<List<String>> read(String csv) {
        CsvMapper mapper = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
        try (MappingIterator<List<String>> rows = mapper.readerFor(List.class)
                .with(CsvSchema.emptySchema()).readValues(csv.substring(1))) {
            return rows.readAll();
        }
    }

}
