package cn.shuangcheng.bench;

import java.util.Map;

/**
 * One line of the results: a stage's figure beside its limit, measured in the same run against the same servers.
 * {@code ratio} is value / limit; it is the figure to steer by (goals are ratios), the absolute figures travel with it.
 * A metric without a limit (M7) has limit and ratio null.
 */
public record Metric(String metric, Double value, String unit, Double limit, String limitUnit, Double ratio,
                     Map<String, Object> params) {

    static Metric of(String metric, double value, String unit, double limit, String limitUnit,
                     Map<String, Object> params) {
        return new Metric(metric, round(value), unit, round(limit), limitUnit,
                limit == 0 ? null : round(value / limit), params);
    }

    /** A figure reported without a limit (M7: resources per 10k events). */
    static Metric reported(String metric, double value, String unit, Map<String, Object> params) {
        return new Metric(metric, round(value), unit, null, null, null, params);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
