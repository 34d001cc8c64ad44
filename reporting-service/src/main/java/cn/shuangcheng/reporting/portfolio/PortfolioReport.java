package cn.shuangcheng.reporting.portfolio;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.bson.Document;

import com.mongodb.client.MongoCollection;

import cn.shuangcheng.contracts.regions.Region;
import cn.shuangcheng.contracts.regions.RegionCatalog;
import cn.shuangcheng.reporting.store.ReadModelStore;
import cn.shuangcheng.reporting.web.Money;

/**
 * The joint office's monthly statement over year Y's list, computed by aggregation pipelines from the per-project
 * documents (never from running counters): one pipeline per breakdown (total, sector, platform, region), each
 * {@code $match} on the list year, {@code $unwind} of the months, {@code $group} per project with conditional sums,
 * {@code $project} of the per-project figures, and {@code $group} per key. Only operators the MongoDB stand-in also
 * has are used ($match, $unwind, $group, $project, $sum, $first, $cond, $and, $gte, $lte, $ifNull, $add, $ne);
 * the annual plan of Y is read from {@code plansByYear.yY}, kept in the document for that reason.
 *
 * <p>byRegion: a project lying in several regions counts in full in each of them (its regions rolled up through the
 * region table's rollUpCode, each roll-up code once per project), so the regions' figures add up to more than the
 * total whenever a project spans regions; that is what the joint office asks of a region ("which projects concern
 * me"), and splitting a project's investment between regions is not something the events say.
 */
public final class PortfolioReport {

    private final ReadModelStore store;
    private final RegionCatalog regions = RegionCatalog.standard();

    public PortfolioReport(ReadModelStore store) {
        this.store = store;
    }

    public record Figures(String key, String name, long projects, long started, boolean allStarted, long completed,
                          long atOrOverPlan, long totalInvestmentYuan, String totalInvestmentYi, long annualPlanYuan,
                          String annualPlanYi, long completedInYearYuan, String completedInYearYi,
                          BigDecimal completionRate, BigDecimal pointsOverTarget, long cumulativeInvestedYuan,
                          String cumulativeInvestedYi) {
    }

    public record Statement(int year, String asOf, Figures total, List<Figures> bySector, List<Figures> byPlatform,
                            List<Figures> byRegion) {
    }

    public Statement statement(int year, YearMonth asOf) {
        MongoCollection<Document> projects = store.collection(store.activeGeneration(), ReadModelStore.PROJECTS);
        List<Figures> total = run(projects, year, asOf, null);
        Figures totals = total.isEmpty() ? figures(null, null, new Document()) : total.get(0);
        List<Figures> bySector = run(projects, year, asOf, "sector");
        List<Figures> byPlatform = run(projects, year, asOf, "platform");
        List<Figures> byRegion = run(projects, year, asOf, "region").stream()
                .map(f -> withName(f, regions.find(f.key()).map(Region::name).orElse(null))).toList();
        return new Statement(year, asOf.toString(), totals, bySector, byPlatform, byRegion);
    }

    private List<Figures> run(MongoCollection<Document> projects, int year, YearMonth asOf, String breakdown) {
        String firstMonth = YearMonth.of(year, 1).toString();
        String lastMonth = asOf.toString();
        String lastDay = asOf.atEndOfMonth().toString();
        List<Document> pipeline = new ArrayList<>();
        pipeline.add(new Document("$match", new Document("listYears", year)));
        pipeline.add(new Document("$unwind", new Document("path", "$investments").append("preserveNullAndEmptyArrays", true)));
        pipeline.add(new Document("$group", new Document("_id", "$_id")
                .append("sector", new Document("$first", "$sector"))
                .append("platform", new Document("$first", "$platform"))
                .append("regions", new Document("$first", "$rollUpRegions"))
                .append("total", new Document("$first", "$totalInvestmentYuan"))
                .append("plan", new Document("$first", "$plansByYear.y" + year))
                .append("opening", new Document("$first", "$openingInvestedYuan"))
                .append("openingAsOf", new Document("$first", "$openingAsOf"))
                .append("startedOn", new Document("$first", "$startedOn"))
                .append("completedOn", new Document("$first", "$completedOn"))
                .append("inYear", new Document("$sum", cond(and(gte("$investments.period", firstMonth),
                        lte("$investments.period", lastMonth)), "$investments.amountYuan", 0)))
                .append("monthsToDate", new Document("$sum", cond(lte("$investments.period", lastMonth),
                        "$investments.amountYuan", 0)))));
        pipeline.add(new Document("$project", new Document("sector", 1).append("platform", 1).append("regions", 1)
                .append("total", new Document("$ifNull", Arrays.asList("$total", 0)))
                .append("plan", new Document("$ifNull", Arrays.asList("$plan", 0)))
                .append("inYear", 1)
                .append("started", cond(lte(ifNull("$startedOn", "9999-12-31"), lastDay), 1, 0))
                .append("completed", cond(lte(ifNull("$completedOn", "9999-12-31"), lastDay), 1, 0))
                // a project without a plan for Y has not reached one; a plan of zero is reached
                .append("atOrOverPlan", cond(and(new Document("$ne", Arrays.asList(ifNull("$plan", -1), -1)),
                        new Document("$gte", Arrays.asList("$inYear", ifNull("$plan", 0)))), 1, 0))
                .append("cumulative", new Document("$add", Arrays.asList("$monthsToDate",
                        cond(lte(ifNull("$openingAsOf", "9999-12"), lastMonth), ifNull("$opening", 0), 0))))));
        Object key = null;
        if ("region".equals(breakdown)) {
            pipeline.add(new Document("$unwind", "$regions"));
            key = "$regions";
        } else if (breakdown != null) {
            key = "$" + breakdown;
        }
        pipeline.add(new Document("$group", new Document("_id", key)
                .append("projects", new Document("$sum", 1))
                .append("started", new Document("$sum", "$started"))
                .append("completed", new Document("$sum", "$completed"))
                .append("atOrOverPlan", new Document("$sum", "$atOrOverPlan"))
                .append("total", new Document("$sum", "$total"))
                .append("plan", new Document("$sum", "$plan"))
                .append("inYear", new Document("$sum", "$inYear"))
                .append("cumulative", new Document("$sum", "$cumulative"))));
        List<Figures> result = new ArrayList<>();
        for (Document group : projects.aggregate(pipeline)) {
            Object id = group.get("_id");
            result.add(figures(id == null ? null : id.toString(), null, group));
        }
        result.sort(Comparator.comparing(Figures::key, Comparator.nullsLast(Comparator.naturalOrder())));
        return result;
    }

    private static Figures figures(String key, String name, Document group) {
        long projects = number(group, "projects");
        long started = number(group, "started");
        long plan = number(group, "plan");
        long inYear = number(group, "inYear");
        long total = number(group, "total");
        long cumulative = number(group, "cumulative");
        return new Figures(key, name, projects, started, projects > 0 && started == projects,
                number(group, "completed"), number(group, "atOrOverPlan"), total, Money.yi(total), plan,
                Money.yi(plan), inYear, Money.yi(inYear), Money.ratio(inYear, plan, 4), Money.pointsOver(inYear, plan),
                cumulative, Money.yi(cumulative));
    }

    private static Figures withName(Figures f, String name) {
        return new Figures(f.key(), name, f.projects(), f.started(), f.allStarted(), f.completed(), f.atOrOverPlan(),
                f.totalInvestmentYuan(), f.totalInvestmentYi(), f.annualPlanYuan(), f.annualPlanYi(),
                f.completedInYearYuan(), f.completedInYearYi(), f.completionRate(), f.pointsOverTarget(),
                f.cumulativeInvestedYuan(), f.cumulativeInvestedYi());
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static Document cond(Object test, Object then, Object otherwise) {
        return new Document("$cond", Arrays.asList(test, then, otherwise));
    }

    private static Document and(Object... conditions) {
        return new Document("$and", Arrays.asList(conditions));
    }

    private static Document gte(Object a, Object b) {
        return new Document("$gte", Arrays.asList(a, b));
    }

    private static Document lte(Object a, Object b) {
        return new Document("$lte", Arrays.asList(a, b));
    }

    private static Document ifNull(Object value, Object otherwise) {
        return new Document("$ifNull", Arrays.asList(value, otherwise));
    }
}
