package cn.shuangcheng.kernel;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The kernel is what every domain may depend on, so it depends on nothing but the JDK. */
class KernelArchitectureTest {

    @Test
    void the_kernel_depends_on_the_jdk_only() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "cn.shuangcheng.kernel..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.shuangcheng.kernel"));
    }
}
