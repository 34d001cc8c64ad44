package cn.shuangcheng.cadres.exchange.api;

import java.math.BigDecimal;

/**
 * A measured result of a contribution, e.g. 跨省公交线路 2 条 or 服务 140000 人次. The value is an exact decimal
 * (never a binary floating point number): {@code 2}, {@code 140000}, {@code 1.5}.
 */
public record Indicator(String name, BigDecimal value, String unit) {
}
