package cn.shuangcheng.testsupport;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The child-JVM launcher is shared by local-stack, the system tests and deploy's checks, each with its own class path:
 * it depends on the JDK only, so that using it never brings a library (or a version of one) into any of them.
 */
class TestSupportArchitectureTest {

    @Test
    void the_launcher_depends_on_the_jdk_only() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "cn.shuangcheng.testsupport..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.shuangcheng.testsupport"));
    }
}
