package cn.shuangcheng.projects.cooperation.api;

import java.time.YearMonth;

/** Completed investment of one month, in yuan. One record per month. */
public record InvestmentRecorded(String projectId, YearMonth period, long amountYuan) implements ProjectEvents {
}
