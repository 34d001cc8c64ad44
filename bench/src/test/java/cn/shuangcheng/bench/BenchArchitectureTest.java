package cn.shuangcheng.bench;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The suite measures the services as their callers meet them: over HTTP, Kafka and MongoDB, started from their jars
 * by local-stack. A class of a service or of the support modules on its class path would measure code in this JVM
 * instead, so it may use none.
 */
class BenchArchitectureTest {

    @Test
    void the_suite_reaches_the_services_only_over_the_wire() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cn.shuangcheng.projects..",
                        "cn.shuangcheng.cadres..", "cn.shuangcheng.reporting..", "cn.shuangcheng.support..",
                        "cn.shuangcheng.servicesupport..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.shuangcheng.bench"));
    }
}
