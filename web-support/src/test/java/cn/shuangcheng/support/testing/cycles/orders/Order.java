package cn.shuangcheng.support.testing.cycles.orders;

import cn.shuangcheng.support.testing.cycles.orders.lines.OrderLine;

import java.util.List;

/** Fixture of PackageCyclesRuleTest: a package that imports its subpackage, which imports it back. */
public record Order(List<OrderLine> lines) {
}
