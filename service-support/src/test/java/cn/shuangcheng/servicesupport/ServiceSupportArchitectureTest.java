package cn.shuangcheng.servicesupport;

import cn.shuangcheng.support.testing.PackageCyclesRule;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * service-support is what the write services share (event store, publication, dead letters): no package cycles, and
 * it knows none of the services that use it.
 */
class ServiceSupportArchitectureTest {

    @Test
    void the_packages_have_no_cycles() {
        PackageCyclesRule.check("cn.shuangcheng.servicesupport");
    }

    @Test
    void it_knows_none_of_the_services() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cn.shuangcheng.projects..",
                        "cn.shuangcheng.cadres..", "cn.shuangcheng.reporting..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.shuangcheng.servicesupport"));
    }
}
