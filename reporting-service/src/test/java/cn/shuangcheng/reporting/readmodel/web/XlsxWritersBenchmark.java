package cn.shuangcheng.reporting.readmodel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which library writes the report workbooks: fastexcel (through {@link Xlsx}) against Apache POI's XSSF (the whole
 * workbook in memory) and SXSSF (POI's streaming writer, 100 rows in memory, the rest in a temporary file), on the
 * portfolio's columns: a 250-project portfolio's table (1 + 7 + 11 + regions rows, here 250 rows to be generous) and
 * a 10,000-row sheet. Per writer and size: the median time of 15 runs after 5 warm-ups, the bytes the writing thread
 * allocated per workbook, and the heap's peak while writing once. Run with bench/xlsx-writers.sh; tagged benchmark,
 * so the ordinary build leaves it out.
 *
 * <p>Measured on the 2-core build machine (JDK 17, default G1 heap, other builds running), 2026-12-04:
 * <pre>
 * fastexcel 0.19.0  rows=  250  median   19.0 ms  allocated  11.2 MB  heapPeak  28.2 MB  23 KB
 * poi-xssf 5.5.1    rows=  250  median  139.1 ms  allocated  25.6 MB  heapPeak  48.9 MB  22 KB
 * poi-sxssf 5.5.1   rows=  250  median   41.7 ms  allocated   3.9 MB  heapPeak  23.0 MB  22 KB
 * fastexcel         rows=10000  median  160.4 ms  allocated 414.0 MB  heapPeak 134.5 MB 825 KB
 * poi-xssf          rows=10000  median 2003.6 ms  allocated 956.0 MB  heapPeak 284.4 MB 757 KB
 * poi-sxssf         rows=10000  median  228.1 ms  allocated  84.6 MB  heapPeak 111.2 MB 773 KB
 * </pre>
 * fastexcel was chosen: the fastest at both sizes, no temporary files, one small dependency; docs/api-guide.md
 * ("xlsx answers") has the reasoning.
 */
@Tag("benchmark")
class XlsxWritersBenchmark {

    private static final List<Xlsx.Column> COLUMNS = List.of(new Xlsx.Column("年度", Xlsx.Kind.COUNT),
            new Xlsx.Column("截至", Xlsx.Kind.TEXT), new Xlsx.Column("分组", Xlsx.Kind.TEXT),
            new Xlsx.Column("代码", Xlsx.Kind.TEXT), new Xlsx.Column("名称", Xlsx.Kind.TEXT),
            new Xlsx.Column("项目数", Xlsx.Kind.COUNT), new Xlsx.Column("已开工", Xlsx.Kind.COUNT),
            new Xlsx.Column("全部开工", Xlsx.Kind.YES_NO), new Xlsx.Column("已竣工", Xlsx.Kind.COUNT),
            new Xlsx.Column("完成年度计划项目数", Xlsx.Kind.COUNT), new Xlsx.Column("总投资（亿元）", Xlsx.Kind.YI),
            new Xlsx.Column("年度计划投资（亿元）", Xlsx.Kind.YI), new Xlsx.Column("年内完成投资（亿元）", Xlsx.Kind.YI),
            new Xlsx.Column("完成年度计划比例", Xlsx.Kind.RATE), new Xlsx.Column("超年度计划百分点", Xlsx.Kind.POINTS),
            new Xlsx.Column("累计完成投资（亿元）", Xlsx.Kind.YI));

    interface Writer {
        void write(OutputStream out, List<List<Object>> rows) throws IOException;
    }

    @Test
    void compareTheWriters() throws IOException {
        Map<String, Writer> writers = new java.util.LinkedHashMap<>();
        writers.put("fastexcel", (out, rows) -> Xlsx.write(out, "投资完成情况", COLUMNS, rows));
        writers.put("poi-xssf", (out, rows) -> poi(new XSSFWorkbook(), out, rows));
        writers.put("poi-sxssf", (out, rows) -> poi(new SXSSFWorkbook(100), out, rows));
        for (int size : new int[] {250, 10_000}) {
            List<List<Object>> rows = rows(size);
            for (Map.Entry<String, Writer> writer : writers.entrySet()) {
                measure(writer.getKey(), writer.getValue(), rows);
            }
        }
    }

    private static void measure(String name, Writer writer, List<List<Object>> rows) throws IOException {
        for (int i = 0; i < 5; i++) {
            writer.write(new ByteArrayOutputStream(), rows);
        }
        long[] nanos = new long[15];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            writer.write(new ByteArrayOutputStream(), rows);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = threads.getCurrentThreadAllocatedBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, rows);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        assertThat(out.size()).isPositive();
        System.out.printf("BENCHMARK xlsx %-9s rows=%5d median=%7.1f ms allocated=%7.1f MB heapPeak=%6.1f MB size=%6d KB%n",
                name, rows.size(), nanos[nanos.length / 2] / 1e6, allocated / 1e6, peak / 1e6, out.size() / 1024);
    }

    /** The portfolio's columns with figures of the demo data's size; codes and names repeat as real rows do. */
    private static List<List<Object>> rows(int size) {
        String[] names = {"现代基础设施", "川渝高竹新区", "成都市", "渝北区", "遂潼川渝毗邻地区一体化发展先行区"};
        List<List<Object>> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            BigInteger plan = BigInteger.valueOf(1_000_000_000L + i * 7_919L);
            rows.add(Arrays.asList(2023, "2023-12", "按地区", "51" + (1000 + i % 9000), names[i % names.length],
                    (long) i % 300, (long) i % 250, i % 2 == 0, (long) i % 7, (long) i % 5,
                    BigInteger.valueOf(88_341_500_000L + i), plan, plan.add(BigInteger.valueOf(i * 1_000L)),
                    new BigDecimal("1.1634"), new BigDecimal("16.3"), BigInteger.valueOf(43_686_699_000L + i)));
        }
        return rows;
    }

    private static void poi(Workbook workbook, OutputStream out, List<List<Object>> rows) throws IOException {
        try (workbook) {
            Sheet sheet = workbook.createSheet("投资完成情况");
            Map<String, CellStyle> styles = new HashMap<>();
            for (String format : List.of(Xlsx.YI_FORMAT, Xlsx.RATE_FORMAT, Xlsx.POINTS_FORMAT)) {
                CellStyle style = workbook.createCellStyle();
                style.setDataFormat(workbook.createDataFormat().getFormat(format));
                styles.put(format, style);
            }
            Row heading = sheet.createRow(0);
            for (int c = 0; c < COLUMNS.size(); c++) {
                heading.createCell(c).setCellValue(COLUMNS.get(c).heading());
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<Object> values = rows.get(r);
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Object value = values.get(c);
                    Cell cell = row.createCell(c);
                    switch (COLUMNS.get(c).kind()) {
                        case COUNT -> cell.setCellValue(((Number) value).doubleValue());
                        case YI -> {
                            cell.setCellValue(new BigDecimal((BigInteger) value).movePointLeft(8).doubleValue());
                            cell.setCellStyle(styles.get(Xlsx.YI_FORMAT));
                        }
                        case RATE -> {
                            cell.setCellValue(((Number) value).doubleValue());
                            cell.setCellStyle(styles.get(Xlsx.RATE_FORMAT));
                        }
                        case POINTS -> {
                            cell.setCellValue(((Number) value).doubleValue());
                            cell.setCellStyle(styles.get(Xlsx.POINTS_FORMAT));
                        }
                        case YES_NO -> cell.setCellValue(Boolean.TRUE.equals(value) ? "是" : "否");
                        case TEXT -> cell.setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            if (workbook instanceof SXSSFWorkbook streaming) {
                streaming.close(); // deletes its temporary file
            }
        }
    }
}
