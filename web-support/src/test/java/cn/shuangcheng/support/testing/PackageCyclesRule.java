package cn.shuangcheng.support.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * No cycles between the packages of a module's main code: each package is a slice (the root package too, and not
 * only the top-level ones), so a package and its subpackage that import each other fail as well.
 * Used by every module's architecture test.
 */
public final class PackageCyclesRule {

    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(javaClass.getPackageName());
        }

        @Override
        public String getDescription() {
            return "each package";
        }
    };

    private PackageCyclesRule() {
    }

    /** @param root the module's package root, e.g. {@code cn.shuangcheng.projects} */
    public static void check(String root) {
        check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root));
    }

    /** @throws AssertionError naming the cycles when there are any */
    public static void check(JavaClasses classes) {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(classes);
    }
}
