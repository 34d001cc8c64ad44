package cn.shuangcheng.support.testing;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule every module's architecture test runs must be able to fail: here on a package and its subpackage. */
class PackageCyclesRuleTest {

    private static final String FIXTURE = "cn.shuangcheng.support.testing.cycles";

    @Test
    void a_package_and_its_subpackage_that_import_each_other_are_a_cycle() {
        assertThatThrownBy(() -> PackageCyclesRule.check(new ClassFileImporter().importPackages(FIXTURE)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("orders.lines");
    }

    @Test
    void packages_without_a_cycle_pass() {
        assertThatCode(() -> PackageCyclesRule.check(new ClassFileImporter().importClasses(
                cn.shuangcheng.support.testing.cycles.orders.lines.OrderLine.class, PackageCyclesRule.class)))
                .doesNotThrowAnyException();
    }
}
