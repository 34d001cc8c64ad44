package cn.shuangcheng.support;

import cn.shuangcheng.support.testing.PackageCyclesRule;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** web-support is the edge every service shares: no package cycles, and nothing of a service or of Axon in it. */
class WebSupportArchitectureTest {

    @Test
    void the_packages_have_no_cycles() {
        PackageCyclesRule.check("cn.shuangcheng.support");
    }

    @Test
    void it_knows_no_service_no_event_store_and_no_axon() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cn.shuangcheng.projects..",
                        "cn.shuangcheng.cadres..", "cn.shuangcheng.reporting..", "cn.shuangcheng.servicesupport..",
                        "org.axonframework..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.shuangcheng.support"));
    }
}
