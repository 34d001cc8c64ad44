package cn.shuangcheng.projects.cooperation.domain;

import cn.shuangcheng.projects.cooperation.api.ProjectStatus;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.SortedMap;

/**
 * A project as its aggregate has decided it: what the write side answers for read-your-writes, straight from the
 * events the aggregate was rebuilt from (no read model in between).
 *
 * @param annualPlans    planned investment in yuan, by year
 * @param investments    completed investment in yuan, by month, as recorded or last corrected
 * @param openingAsOf    the month of the opening balance of a project that was under way before it came in, or null
 */
public record DecidedProject(String projectId, ProjectStatus status, List<Integer> listYears,
                             SortedMap<Integer, Long> annualPlans, LocalDate startedOn,
                             SortedMap<YearMonth, Long> investments, YearMonth openingAsOf) {
}
