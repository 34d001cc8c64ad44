package cn.shuangcheng.support.testing.cycles.orders.lines;

import cn.shuangcheng.support.testing.cycles.orders.Order;

/** Fixture of PackageCyclesRuleTest: the subpackage's half of the cycle. */
public record OrderLine(Order order, int quantity) {
}
