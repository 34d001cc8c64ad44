package cn.shuangcheng.localstack;

import cn.shuangcheng.support.testing.PackageCyclesRule;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The local stack starts the services from their jars and talks to them over HTTP and Kafka, as an operator would: no
 * package cycles, and no class of a service (their classes are not on its class path at run time either).
 */
class LocalStackArchitectureTest {

    @Test
    void the_packages_have_no_cycles() {
        PackageCyclesRule.check("cn.shuangcheng.localstack");
    }

    @Test
    void it_uses_the_services_only_from_outside() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cn.shuangcheng.projects..",
                        "cn.shuangcheng.cadres..", "cn.shuangcheng.reporting..", "cn.shuangcheng.servicesupport..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.shuangcheng.localstack"));
    }
}
