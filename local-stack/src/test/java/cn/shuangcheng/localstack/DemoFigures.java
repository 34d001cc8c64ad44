package cn.shuangcheng.localstack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the reports must say about the demo data, computed here from the demo file and the definitions of
 * docs/api-guide.md alone - not from the loader's or reporting-service's code - so that the end-to-end test checks the
 * whole way from the file through the APIs, events, Kafka and read models.
 */
final class DemoFigures {

    /** The portfolio figures of docs/api-guide.md ("The portfolio statement") for one year, as of its December. */
    record Portfolio(long projects, long started, boolean allStarted, long completed, long atOrOverPlan,
                     long totalInvestmentYuan, long annualPlanYuan, long completedInYearYuan, BigDecimal completionRate,
                     BigDecimal pointsOverTarget, long cumulativeInvestedYuan) {
    }

    /** One row of the cadre-exchange report: the demo secondments are registrations only. */
    record ExchangeRow(int batchNumber, String direction, long dispatched) {
    }

    /** One list of the agenda report on a given day. */
    record AgendaList(String list, long open, long inProgress, long delivered, long verified, long dropped,
                      long overdue) {
    }

    private final JsonNode root;

    private DemoFigures(JsonNode root) {
        this.root = root;
    }

    static DemoFigures of(Path file) throws IOException {
        return new DemoFigures(JsonMapper.builder().build().readTree(Files.readString(file)));
    }

    Portfolio portfolio(int year) {
        String lastMonth = year + "-12";
        String lastDay = year + "-12-31";
        long projects = 0, started = 0, completed = 0, atOrOverPlan = 0, total = 0, plan = 0, inYear = 0, cumulative = 0;
        for (JsonNode p : root.path("projects")) {
            if (!listYears(p).contains(year)) {
                continue;
            }
            projects++;
            if (isDate(p.path("startedOn")) && p.path("startedOn").asString().compareTo(lastDay) <= 0) {
                started++;
            }
            if (isDate(p.path("completedOn")) && p.path("completedOn").asString().compareTo(lastDay) <= 0) {
                completed++;
            }
            total += p.path("totalInvestmentYuan").asLong();
            long projectInYear = 0;
            for (JsonNode month : p.path("investments")) {
                String period = month.path("period").asString();
                if (period.startsWith(year + "-")) {
                    projectInYear += month.path("amountYuan").asLong();
                }
                if (period.compareTo(lastMonth) <= 0) {
                    cumulative += month.path("amountYuan").asLong();
                }
            }
            inYear += projectInYear;
            JsonNode projectPlan = p.path("annualPlansYuan").path(String.valueOf(year));
            if (projectPlan.isNumber()) {
                plan += projectPlan.asLong();
                if (projectInYear >= projectPlan.asLong()) {
                    atOrOverPlan++;
                }
            }
            if (p.path("openingAsOf").isString() && p.path("openingAsOf").asString().compareTo(lastMonth) <= 0) {
                cumulative += p.path("openingInvestedYuan").asLong();
            }
        }
        BigDecimal rate = BigDecimal.valueOf(inYear).divide(BigDecimal.valueOf(plan), 4, RoundingMode.HALF_UP);
        BigDecimal points = BigDecimal.valueOf(inYear - plan).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(plan), 1, RoundingMode.HALF_UP);
        return new Portfolio(projects, started, started == projects, completed, atOrOverPlan, total, plan, inYear, rate,
                points, cumulative);
    }

    /** Per sector: the number of projects on the year's list and their completed investment in the year. */
    Map<String, long[]> projectsAndInYearBySector(int year) {
        Map<String, long[]> bySector = new TreeMap<>();
        for (JsonNode p : root.path("projects")) {
            if (!listYears(p).contains(year)) {
                continue;
            }
            long[] figures = bySector.computeIfAbsent(p.path("sector").asString(), s -> new long[2]);
            figures[0]++;
            for (JsonNode month : p.path("investments")) {
                if (month.path("period").asString().startsWith(year + "-")) {
                    figures[1] += month.path("amountYuan").asLong();
                }
            }
        }
        return bySector;
    }

    List<ExchangeRow> cadreExchange() {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode s : root.path("secondments")) {
            counts.merge(s.path("batchNumber").asInt() + "|" + s.path("direction").asString(), 1L, Long::sum);
        }
        List<ExchangeRow> rows = new ArrayList<>();
        counts.forEach((key, n) -> rows.add(new ExchangeRow(Integer.parseInt(key.split("\\|")[0]),
                key.split("\\|")[1], n)));
        return rows;
    }

    List<AgendaList> agenda(LocalDate asOf) {
        List<AgendaList> lists = new ArrayList<>();
        for (String list : List.of("POLICY_NEED", "AGREED_MATTER", "WORK_RESULT")) {
            long open = 0, inProgress = 0, delivered = 0, verified = 0, dropped = 0, overdue = 0;
            for (JsonNode item : root.path("agendaItems")) {
                if (!list.equals(item.path("list").asString())) {
                    continue;
                }
                String status = item.path("status").asString();
                switch (status) {
                    case "OPEN" -> open++;
                    case "IN_PROGRESS" -> inProgress++;
                    case "DELIVERED" -> delivered++;
                    case "VERIFIED" -> verified++;
                    case "DROPPED" -> dropped++;
                    default -> throw new IllegalStateException("unknown status " + status);
                }
                // docs/api-guide.md, the agenda report: past its dueOn and neither delivered, verified nor dropped
                if (isDate(item.path("dueOn")) && LocalDate.parse(item.path("dueOn").asString()).isBefore(asOf)
                        && (status.equals("OPEN") || status.equals("IN_PROGRESS"))) {
                    overdue++;
                }
            }
            lists.add(new AgendaList(list, open, inProgress, delivered, verified, dropped, overdue));
        }
        return lists;
    }

    /** Intake rows the loader submits: one per project and list year it is on. */
    long intakeRows() {
        long rows = 0;
        for (JsonNode p : root.path("projects")) {
            rows += Math.max(1, listYears(p).size());
        }
        return rows;
    }

    int batches() {
        return root.path("batches").size();
    }

    int secondments() {
        return root.path("secondments").size();
    }

    int agendaItems() {
        return root.path("agendaItems").size();
    }

    private static List<Integer> listYears(JsonNode project) {
        List<Integer> years = new ArrayList<>();
        project.path("listYears").forEach(y -> years.add(y.asInt()));
        return years;
    }

    private static boolean isDate(JsonNode node) {
        return node.isString() && node.asString().matches("\\d{4}-\\d{2}-\\d{2}");
    }
}
