package cn.shuangcheng.projects.cooperation.domain;

import cn.shuangcheng.projects.cooperation.api.AnnualPlanSet;
import cn.shuangcheng.projects.cooperation.api.InvestmentRecorded;
import cn.shuangcheng.projects.cooperation.api.Platform;
import cn.shuangcheng.projects.cooperation.api.ProjectCommands.ProposeProjectCommand;
import cn.shuangcheng.projects.cooperation.api.ProjectCompleted;
import cn.shuangcheng.projects.cooperation.api.ProjectListed;
import cn.shuangcheng.projects.cooperation.api.ProjectProposed;
import cn.shuangcheng.projects.cooperation.api.ProjectStarted;
import cn.shuangcheng.projects.cooperation.api.ProjectSuspended;
import cn.shuangcheng.projects.cooperation.api.ProjectCancelled;
import cn.shuangcheng.projects.cooperation.api.Sector;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** Events and commands of one made-up project (a high-speed rail link), so tests read like the domain. */
final class ProjectFacts {

    static final String ID = "project-1";
    /** 成都市 and 重庆市渝北区 */
    static final List<String> REGIONS = List.of("510100", "500112");
    static final long TOTAL = 69_273_000_000L;

    private ProjectFacts() {
    }

    static ProposeProjectCommand proposal() {
        return new ProposeProjectCommand(ID, "CY-2023-001", "成渝中线高铁", Sector.INFRASTRUCTURE, Platform.GAOZHU,
                REGIONS, List.of("四川省发展改革委"), TOTAL, null, null, null);
    }

    static ProposeProjectCommand proposalWithOpeningBalance(long investedYuan, YearMonth asOf) {
        ProposeProjectCommand p = proposal();
        return new ProposeProjectCommand(p.projectId(), p.externalRef(), p.name(), p.sector(), p.platform(),
                p.regions(), p.leadUnits(), p.totalInvestmentYuan(), p.description(), investedYuan, asOf);
    }

    static ProjectProposed proposed() {
        return proposedFrom(proposal());
    }

    static ProjectProposed proposedFrom(ProposeProjectCommand c) {
        return new ProjectProposed(c.projectId(), c.externalRef(), c.name(), c.sector(), c.platform(), c.regions(),
                c.leadUnits(), c.totalInvestmentYuan(), c.description(), c.openingInvestedYuan(), c.openingAsOf());
    }

    static ProjectListed listed(int year) {
        return new ProjectListed(ID, year);
    }

    static AnnualPlanSet planned(int year, long amountYuan) {
        return new AnnualPlanSet(ID, year, amountYuan);
    }

    static ProjectStarted started(LocalDate on) {
        return new ProjectStarted(ID, on);
    }

    static InvestmentRecorded invested(String period, long amountYuan) {
        return new InvestmentRecorded(ID, YearMonth.parse(period), amountYuan);
    }

    static ProjectCompleted completed(LocalDate on) {
        return new ProjectCompleted(ID, on);
    }

    static ProjectSuspended suspended() {
        return new ProjectSuspended(ID, "环评整改");
    }

    static ProjectCancelled cancelled() {
        return new ProjectCancelled(ID, "项目调出清单");
    }
}
