package cn.shuangcheng.contracts;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The contracts are what producers and consumers share: the schemas and the names of topics and types. They know no
 * service, no framework and no store, so that any service (or a partner) can depend on them alone.
 */
class ContractsArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.shuangcheng.contracts");
    }

    @Test
    void the_contracts_know_no_other_module_framework_or_store() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cn.shuangcheng.projects..",
                        "cn.shuangcheng.cadres..", "cn.shuangcheng.reporting..", "cn.shuangcheng.support..",
                        "cn.shuangcheng.servicesupport..", "org.springframework..", "org.axonframework..",
                        "org.apache.kafka..", "com.mongodb..", "org.bson..")
                .check(classes);
    }

    @Test
    void the_packages_have_no_cycles() {
        slices().matching("cn.shuangcheng.(**)").should().beFreeOfCycles().check(classes);
    }
}
