package cn.shuangcheng.projects.cooperation.api;

import java.time.YearMonth;
import java.util.List;

/**
 * A joint project entered the system. {@code openingInvestedYuan} and {@code openingAsOf} are set
 * together for a project that was under way before: what it had invested up to the end of that month.
 */
public record ProjectProposed(String projectId, String externalRef, String name, Sector sector, Platform platform,
                              List<String> regions, List<String> leadUnits, long totalInvestmentYuan,
                              String description, Long openingInvestedYuan, YearMonth openingAsOf)
        implements ProjectEvents {
}
