package cn.shuangcheng.projects.cooperation.domain;

import cn.shuangcheng.contracts.regions.RegionCatalog;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ProposeProjectCommand;
import cn.shuangcheng.kernel.Require;
import cn.shuangcheng.kernel.RuleViolatedException;

import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;

/** What a proposal must satisfy before a project exists. */
final class ProjectProposalRules {

    private ProjectProposalRules() {
    }

    static void check(ProposeProjectCommand command, YearMonth currentMonth) {
        Require.text("name", command.name());
        Require.present("sector", command.sector());
        Require.positive("totalInvestmentYuan", command.totalInvestmentYuan());
        checkRegions(command.regions());
        checkOpeningBalance(command, currentMonth);
    }

    /** A joint project is located somewhere on the two sides: every code must be in the reference table. */
    private static void checkRegions(List<String> regions) {
        if (regions == null || regions.isEmpty()) {
            throw new RuleViolatedException("regions", "a project needs at least one region");
        }
        RegionCatalog catalog = RegionCatalog.standard();
        for (String code : regions) {
            if (!catalog.isKnown(code)) {
                throw new RuleViolatedException("regions",
                        "unknown region code " + code + ": use a GB/T 2260 code of Sichuan (51xxxx) or "
                                + "Chongqing (50xxxx), or a registered functional-zone code");
            }
        }
        if (new HashSet<>(regions).size() != regions.size()) {
            throw new RuleViolatedException("regions", "a region is listed twice");
        }
    }

    /** An opening balance is what a project under way had invested by the end of a past month. */
    private static void checkOpeningBalance(ProposeProjectCommand command, YearMonth currentMonth) {
        boolean hasAmount = command.openingInvestedYuan() != null;
        boolean hasMonth = command.openingAsOf() != null;
        if (hasAmount != hasMonth) {
            throw new RuleViolatedException(hasAmount ? "openingAsOf" : "openingInvestedYuan",
                    "openingInvestedYuan and openingAsOf go together");
        }
        if (!hasAmount) {
            return;
        }
        Require.positive("openingInvestedYuan", command.openingInvestedYuan());
        if (command.openingAsOf().isAfter(currentMonth)) {
            throw new RuleViolatedException("openingAsOf", command.openingAsOf() + " is in the future");
        }
        if (command.openingInvestedYuan() > command.totalInvestmentYuan()) {
            throw new RuleViolatedException("openingInvestedYuan", "exceeds the total investment");
        }
    }
}
