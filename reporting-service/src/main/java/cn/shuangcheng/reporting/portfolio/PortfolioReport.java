package cn.shuangcheng.reporting.portfolio;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import cn.shuangcheng.contracts.regions.Region;
import cn.shuangcheng.contracts.regions.RegionCatalog;
import cn.shuangcheng.reporting.store.ReadModelStore;

/**
 * The joint office's monthly statement over year Y's list, computed from the per-project documents (never from
 * running counters): one query selects the projects on Y's list ({@code listYears}, indexed) with the fields the
 * statement needs, and each project's figures ({@link ProjectFigures}) are added to the total and to its sector,
 * platform and regions ({@link Tally}) in exact integers. The sums used to be {@code $group}/{@code $sum} pipelines;
 * on a real MongoDB a {@code $sum} over int64 silently becomes a double when it overflows, and the stand-in lacks
 * {@code $toDecimal}, so the adding is done here, where it is exact on both. One pass over the year's projects
 * instead of four pipelines, with memory bounded by the number of rows (sectors, platforms, regions), not projects.
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

    /** Amounts are BigInteger: within the bounds they fit a long up to 92,233 projects at 10^14 yuan, beyond too. */
    public record Figures(String key, String name, long projects, long started, boolean allStarted, long completed,
                          long atOrOverPlan, BigInteger totalInvestmentYuan, String totalInvestmentYi,
                          BigInteger annualPlanYuan, String annualPlanYi, BigInteger completedInYearYuan,
                          String completedInYearYi, BigDecimal completionRate, BigDecimal pointsOverTarget,
                          BigInteger cumulativeInvestedYuan, String cumulativeInvestedYi) {
    }

    public record Statement(int year, String asOf, Figures total, List<Figures> bySector, List<Figures> byPlatform,
                            List<Figures> byRegion) {
    }

    public Statement statement(int year, YearMonth asOf) {
        MongoCollection<Document> projects = store.collection(store.activeGeneration(), ReadModelStore.PROJECTS);
        Tally total = new Tally();
        Map<String, Tally> bySector = new HashMap<>();
        Map<String, Tally> byPlatform = new HashMap<>();
        Map<String, Tally> byRegion = new HashMap<>();
        for (Document document : projects.find(Filters.eq("listYears", year)).projection(ProjectFigures.fields(year))) {
            ProjectFigures project = ProjectFigures.of(document, year, asOf);
            total.add(project);
            bySector.computeIfAbsent(project.sector(), k -> new Tally()).add(project);
            byPlatform.computeIfAbsent(project.platform(), k -> new Tally()).add(project);
            for (String region : new LinkedHashSet<>(project.regions())) {
                byRegion.computeIfAbsent(region, k -> new Tally()).add(project);
            }
        }
        return new Statement(year, asOf.toString(), total.figures(null, null), rows(bySector, key -> null),
                rows(byPlatform, key -> null),
                rows(byRegion, key -> key == null ? null : regions.find(key).map(Region::name).orElse(null)));
    }

    private static List<Figures> rows(Map<String, Tally> tallies, Function<String, String> name) {
        List<Figures> rows = new ArrayList<>();
        tallies.forEach((key, tally) -> rows.add(tally.figures(key, name.apply(key))));
        rows.sort(Comparator.comparing(Figures::key, Comparator.nullsLast(Comparator.naturalOrder())));
        return rows;
    }
}
