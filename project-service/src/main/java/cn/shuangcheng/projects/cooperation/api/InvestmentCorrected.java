package cn.shuangcheng.projects.cooperation.api;

import java.time.YearMonth;

/** A recorded month was corrected: {@code amountYuan} replaces {@code previousAmountYuan}. */
public record InvestmentCorrected(String projectId, YearMonth period, long amountYuan, long previousAmountYuan,
                                  String reason) implements ProjectEvents {
}
