package cn.shuangcheng.reporting;

import cn.shuangcheng.support.testing.PackageCyclesRule;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.shuangcheng.support.testing.KafkaClientsRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The read side's shape: the features (projects, portfolio, agenda, cadres) build on the ingestion and the store,
 * never the other way round, so that a new read model is added in its own package and collected as a
 * {@code Projection} bean, with nothing to change in {@code ingest}.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.shuangcheng.reporting");
    }

    @Test
    void the_packages_of_the_read_side_have_no_cycles() {
        slices().matching("cn.shuangcheng.reporting.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void ingestion_and_the_store_know_no_feature() {
        noClasses().that().resideInAnyPackage("..reporting.ingest..", "..reporting.store..", "..reporting.rebuild..")
                .should().dependOnClassesThat().resideInAnyPackage("..reporting.projects..",
                        "..reporting.portfolio..", "..reporting.agenda..", "..reporting.cadres..")
                .check(classes);
    }

    /** reporting-service's consumers, dead-letter producer and health client take the connection's security settings. */
    @Test
    void every_kafka_client_is_made_by_the_connection_properties() {
        KafkaClientsRule.check("cn.shuangcheng");
    }

    @Test
    void the_packages_have_no_cycles() {
        PackageCyclesRule.check("cn.shuangcheng.reporting");
    }
}
