package cn.shuangcheng.reporting.portfolio.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import cn.shuangcheng.reporting.portfolio.api.PortfolioReport.Figures;
import cn.shuangcheng.reporting.portfolio.api.PortfolioReport.Statement;

/**
 * The joint office's monthly statement over year Y's list, computed from the per-project documents (never from
 * running counters): the projects on Y's list come with the fields the statement needs, and each project's figures
 * ({@link ProjectFigures}) are added to the total and to its sector, platform and regions ({@link Tally}) in exact
 * integers. The sums used to be {@code $group}/{@code $sum} pipelines; on a real MongoDB a {@code $sum} over int64
 * silently becomes a double when it overflows, and the stand-in lacks {@code $toDecimal}, so the adding is done here,
 * where it is exact on both. One pass over the year's projects instead of four pipelines, with memory bounded by the
 * number of rows (sectors, platforms, regions), not projects.
 *
 * <p>byRegion: a project lying in several regions counts in full in each of them (its regions rolled up through the
 * region table's rollUpCode, each roll-up code once per project), so the regions' figures add up to more than the
 * total whenever a project spans regions; that is what the joint office asks of a region ("which projects concern
 * me"), and splitting a project's investment between regions is not something the events say.
 */
public final class Portfolio {

    private Portfolio() {
    }

    /** The statement over {@code projects}, the figures of the projects on {@code year}'s list as of {@code asOf}. */
    public static Statement statement(int year, YearMonth asOf, Iterable<ProjectFigures> projects) {
        Tally total = new Tally();
        Map<String, Tally> bySector = new HashMap<>();
        Map<String, Tally> byPlatform = new HashMap<>();
        Map<String, Tally> byRegion = new HashMap<>();
        for (ProjectFigures project : projects) {
            total.add(project);
            bySector.computeIfAbsent(project.sector(), k -> new Tally()).add(project);
            byPlatform.computeIfAbsent(project.platform(), k -> new Tally()).add(project);
            for (String region : new LinkedHashSet<>(project.regions())) {
                byRegion.computeIfAbsent(region, k -> new Tally()).add(project);
            }
        }
        return new Statement(year, asOf.toString(), total.figures(null, null), rows(bySector, RowNames::sector),
                rows(byPlatform, RowNames::platform), rows(byRegion, RowNames::region));
    }

    private static List<Figures> rows(Map<String, Tally> tallies, Function<String, String> name) {
        List<Figures> rows = new ArrayList<>();
        tallies.forEach((key, tally) -> rows.add(tally.figures(key, name.apply(key))));
        rows.sort(Comparator.comparing(Figures::key, Comparator.nullsLast(Comparator.naturalOrder())));
        return rows;
    }
}
